package io.leadscore.aws.events;

import io.leadscore.announcement.BusEvent;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.lambda.Log;
import io.leadscore.support.Json;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts outbox records on the event bus and marks each published once EventBridge accepted it: the one way a record
 * reaches the bus, from the stream (the publish function) or from the {@code UnpublishedOutbox} (the re-publish).
 * Each detail goes out as the bus contract ({@link BusEvent}) writes it, read back from the record first: a record this
 * version cannot read is not published (say, a newer function's event during a deployment).
 */
public final class OutboxPublisher {
    /** The most entries one PutEvents takes. */
    static final int ENTRIES_PER_CALL = 10;

    private final EventBridgeClient events;
    private final String bus;
    private final Outbox outbox;
    private final Clock clock;

    public OutboxPublisher(EventBridgeClient events, String bus, Outbox outbox, Clock clock) {
        this.events = events;
        this.bus = bus;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param failed the indexes of the records that did not reach the bus (unreadable, refused, or the call failed) */
    public record Result(int published, List<Integer> failed) {
    }

    public Result publish(List<Outbox.Record> records) {
        List<Integer> failed = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Outbox.Record record = records.get(i);
            try {
                entries.add(entry(record.event()));
                sent.add(i);
            } catch (IllegalArgumentException unreadable) {
                Log.error("an outbox record this version cannot read", unreadable,
                        "qualificationId", record.qualificationId(), "detailType", record.detailType());
                failed.add(i);
            }
        }
        int published = 0;
        for (int from = 0; from < entries.size(); from += ENTRIES_PER_CALL) {
            List<Integer> call = sent.subList(from, Math.min(from + ENTRIES_PER_CALL, sent.size()));
            List<PutEventsRequestEntry> chunk = entries.subList(from, from + call.size());
            try {
                List<PutEventsResultEntry> results = events.putEvents(request -> request.entries(chunk)).entries();
                for (int i = 0; i < results.size(); i++) {
                    Outbox.Record record = records.get(call.get(i));
                    if (results.get(i).errorCode() == null) {
                        outbox.markPublished(record, clock.instant());
                        published++;
                    } else {
                        Log.warn("event bus refused an entry", "qualificationId", record.qualificationId(),
                                "errorCode", results.get(i).errorCode());
                        failed.add(call.get(i));
                    }
                }
            } catch (SdkException e) {
                Log.error("publishing to the event bus failed", e);
                failed.addAll(call);
            }
        }
        failed.sort(null);
        return new Result(published, failed);
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
