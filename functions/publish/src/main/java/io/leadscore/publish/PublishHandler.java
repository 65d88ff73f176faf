package io.leadscore.publish;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.events.OutboxPublisher;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes new outbox records from the table's stream to the event bus ({@link OutboxPublisher}). A record is marked
 * published only after EventBridge accepted it; one EventBridge refused, or this version cannot read, is reported as a
 * batch item failure, so Lambda retries from it, and after the mapping's retries the batch reaches the failure queue
 * while its records wait on the UnpublishedOutbox for the scheduled re-publish. Retries may publish a record twice:
 * subscribers dedupe by its key (the detail's qualificationId, or for a job's segment its job, segment and attempt).
 */
public final class PublishHandler extends StreamHandler<DynamodbEvent, StreamsEventResponse> {
    private final OutboxPublisher publisher;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public PublishHandler() {
        this(Environment.system());
    }

    public PublishHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.publisher = new OutboxPublisher(AwsClients.eventBridge(env), env.require("EVENT_BUS_NAME"),
                new Outbox(bootstrap.dynamoDb(), bootstrap.table()), bootstrap.clock());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Metrics metrics = new Metrics("publish");
        List<DynamodbStreamRecord> sent = new ArrayList<>();
        List<Outbox.Record> records = new ArrayList<>();
        for (DynamodbStreamRecord streamRecord : event.getRecords()) {
            var image = streamRecord.getDynamodb().getNewImage();
            if (image != null && LeadTable.OUTBOX.equals(image.get(LeadTable.KIND).getS())) {
                records.add(Outbox.fromImage(AttributeValues.fromStreamImage(image)));
                sent.add(streamRecord);
            }
        }
        OutboxPublisher.Result result = publisher.publish(records);
        List<BatchItemFailure> failures = result.failed().stream()
                .map(i -> new BatchItemFailure(sent.get(i).getDynamodb().getSequenceNumber())).toList();
        metrics.count("Published", result.published()).count("PublishFailed", failures.size()).publish();
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}
