package io.leadscore.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications a destination could not take, in the order they happened: one partition per destination
 * ({@code NOTIFYQ#<destinationId>}), sorted by the event's time ({@code <epoch millis>#<qualificationId>}), not by
 * when it was buffered: two of a lead's notifications handled at once by two invocations are buffered in either
 * order, after their attempts.
 * One partition per destination, rather than an index, because the order must be read consistently: a notification
 * that finds the queue not empty goes behind it. Each entry carries the event itself, so that the scheduled retry
 * can send it without the bus.
 */
final class OutageQueue {
    private static final String PK_PREFIX = LeadTable.OUTAGE_QUEUE_PREFIX;
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    /**
     * One buffered notification.
     *
     * @param sort          its place in the queue
     * @param retries       scheduled retries that failed so far, which the next wait grows with
     * @param nextAttemptAt when it may be tried, once it is at the head of the queue
     */
    record Entry(String destinationId, String sort, String qualificationId, String detailType,
                 Map<String, Object> detail, Instant bufferedAt, int retries, Instant nextAttemptAt) {

        Notice notice() {
            return Notice.from(detailType, detail);
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    OutageQueue(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Whether anything is buffered for the destination: read consistently, so nothing just buffered is missed. */
    boolean holdsAny(String destinationId) {
        return !head(destinationId, 1).isEmpty();
    }

    /** The first {@code limit} entries, oldest first. */
    List<Entry> head(String destinationId, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK_PREFIX + destinationId)))
                        .consistentRead(true).limit(limit).build())
                .items().stream().map(OutageQueue::entry).toList();
    }

    /** The write that puts a notification at the end of its destination's queue. */
    TransactWriteItem add(Notification notification, Instant bufferedAt, Instant nextAttemptAt) {
        Notice notice = notification.event();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(LeadTable.PK, PK_PREFIX + notification.destination().id());
        item.put(LeadTable.SK, "%013d#%s".formatted(notice.occurredAt().toEpochMilli(), notice.qualificationId()));
        item.put(LeadTable.KIND, LeadTable.OUTAGE_QUEUE_ENTRY);
        item.put("qualificationId", notice.qualificationId());
        item.put("detailType", notice.detailType());
        item.put("detail", Json.write(notice.detail()));
        item.put("bufferedAt", bufferedAt.toString());
        item.put("retries", 0);
        item.put("nextAttemptAt", nextAttemptAt.toString());
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(AttributeValues.item(item))
                .build()).build();
    }

    /** The write that records a failed retry and when the next one is due. */
    TransactWriteItem retryLater(Entry entry, Instant nextAttemptAt) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(entry))
                .updateExpression("SET retries = :retries, nextAttemptAt = :next")
                .expressionAttributeValues(Map.of(":retries", AttributeValues.of(entry.retries() + 1),
                        ":next", AttributeValue.fromS(nextAttemptAt.toString())))
                .build()).build();
    }

    /** The write that takes an entry out of the queue: delivered, already delivered or abandoned. */
    TransactWriteItem remove(Entry entry) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(entry)).build()).build();
    }

    private static Map<String, AttributeValue> key(Entry entry) {
        return Map.of(LeadTable.PK, AttributeValue.fromS(PK_PREFIX + entry.destinationId()),
                LeadTable.SK, AttributeValue.fromS(entry.sort()));
    }

    private static Entry entry(Map<String, AttributeValue> item) {
        return new Entry(item.get(LeadTable.PK).s().substring(PK_PREFIX.length()), item.get(LeadTable.SK).s(),
                item.get("qualificationId").s(), item.get("detailType").s(),
                detail(item.get("detail").s()), Instant.parse(item.get("bufferedAt").s()),
                Integer.parseInt(item.get("retries").n()), Instant.parse(item.get("nextAttemptAt").s()));
    }

    private static Map<String, Object> detail(String json) {
        try {
            return Json.mapper().readValue(json, DETAIL);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("an outage queue entry's detail is not JSON", e);
        }
    }
}
