package io.leadscore.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import io.leadscore.local.StreamRecords;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream batch as Lambda hands it to a stream consumer (INSERTs, NEW_IMAGE), built from items read back from the
 * table, so that each record's new image is the stored item: what the drivers feed the score and publish functions
 * in process, in the batch sizes they choose.
 */
final class StreamBatch {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private StreamBatch() {
    }

    /** An activity's lead and event id. */
    record Key(String leadId, String eventId) {
    }

    /**
     * The activities {@code keys} (whose event ids all start with {@code eventIdPrefix}) read back from the table, a
     * Query per lead, as a stream batch in the order of the keys.
     */
    static DynamodbEvent readBack(DynamoDbClient client, String table, List<Key> keys, String eventIdPrefix,
                                  Instant now) {
        Map<Key, Map<String, AttributeValue>> stored = new HashMap<>();
        keys.stream().map(Key::leadId).distinct().forEach(leadId -> client.queryPaginator(QueryRequest.builder()
                        .tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + leadId),
                                ":act", AttributeValue.fromS("ACT#" + eventIdPrefix))).build())
                .items().forEach(item -> stored.put(new Key(leadId, item.get("eventId").s()), item)));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Key key : keys) {
            Map<String, AttributeValue> item = stored.get(key);
            if (item == null) {
                throw new IllegalStateException("activity not stored: " + key);
            }
            items.add(item);
        }
        return of(items, now);
    }

    /** One INSERT record per stored item, in order, with increasing sequence numbers. */
    static DynamodbEvent of(List<Map<String, AttributeValue>> items, Instant now) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            long sequence = SEQUENCE.incrementAndGet();
            StreamRecord change = new StreamRecord()
                    .withApproximateCreationDateTime(Date.from(now))
                    .withKeys(StreamRecords.lambdaImage(Map.of("pk", item.get("pk"), "sk", item.get("sk"))))
                    .withNewImage(StreamRecords.lambdaImage(item))
                    .withSequenceNumber(String.format("%021d", sequence))
                    .withSizeBytes(200L)
                    .withStreamViewType(StreamViewType.NEW_IMAGE);
            DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(Long.toString(sequence));
            record.setEventName("INSERT");
            record.setEventVersion("1.1");
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion("us-east-1");
            record.setDynamodb(change);
            records.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }
}
