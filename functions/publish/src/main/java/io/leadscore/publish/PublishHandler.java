package io.leadscore.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.leadscore.announcement.BusEvent;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.support.Json;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes new outbox records from the table's stream to the event bus. A record is marked published only
 * after EventBridge accepted it; an entry EventBridge refused is reported as a batch item failure, so Lambda
 * retries from it. Retries may publish a record twice: subscribers dedupe by its key (the detail's qualificationId,
 * or for a job's segment its job, segment and attempt).
 *
 * <p>Each detail goes out as the bus contract ({@link BusEvent}) writes it, whatever partition the record is in, read
 * back from the record first: a record this version cannot read is not published but reported for retry like a
 * refused one (say, a newer function's event during a deployment), and after the mapping's retries it reaches the
 * failure queue.
 */
public final class PublishHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final EventBridgeClient events;
    private final String bus;
    private final Outbox outbox;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public PublishHandler() {
        this(Environment.system());
    }

    public PublishHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.events = AwsClients.eventBridge(env);
        this.bus = env.require("EVENT_BUS_NAME");
        this.outbox = new Outbox(bootstrap.dynamoDb(), bootstrap.table());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Metrics metrics = new Metrics("publish");
        List<DynamodbStreamRecord> sent = new ArrayList<>();
        List<Outbox.Record> records = new ArrayList<>();
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        List<BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbStreamRecord streamRecord : event.getRecords()) {
            var image = streamRecord.getDynamodb().getNewImage();
            if (image != null && LeadTable.OUTBOX.equals(image.get(LeadTable.KIND).getS())) {
                Outbox.Record record = Outbox.fromImage(AttributeValues.fromStreamImage(image));
                try {
                    entries.add(entry(record.event()));
                    sent.add(streamRecord);
                    records.add(record);
                } catch (IllegalArgumentException unreadable) {
                    Log.error("an outbox record this version cannot read; Lambda will retry it", unreadable,
                            "qualificationId", record.qualificationId(), "detailType", record.detailType());
                    failures.add(new BatchItemFailure(streamRecord.getDynamodb().getSequenceNumber()));
                }
            }
        }
        int unreadable = failures.size();
        int published = 0;
        if (!records.isEmpty()) {
            try {
                List<PutEventsResultEntry> results = events.putEvents(request -> request.entries(entries)).entries();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() == null) {
                        outbox.markPublished(records.get(i), bootstrap.clock().instant());
                        published++;
                    } else {
                        Log.warn("event bus refused an entry", "qualificationId", records.get(i).qualificationId(),
                                "errorCode", results.get(i).errorCode());
                        failures.add(new BatchItemFailure(sent.get(i).getDynamodb().getSequenceNumber()));
                    }
                }
            } catch (SdkException e) {
                Log.error("publishing to the event bus failed; Lambda will retry the batch", e);
                failures.add(new BatchItemFailure(sent.get(0).getDynamodb().getSequenceNumber()));
            }
        }
        metrics.count("Published", published).count("PublishFailed", records.size() - published + unreadable).publish();
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private PutEventsRequestEntry entry(BusEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(bus)
                .source(BusEvent.SOURCE)
                .detailType(event.detailType())
                .detail(Json.write(event))
                .resources(List.of())
                .build();
    }
}
