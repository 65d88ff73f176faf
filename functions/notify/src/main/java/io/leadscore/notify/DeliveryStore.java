package io.leadscore.notify;

import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.LeadTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the delivery records that make a notification go out once per destination (see {@link DeliveryLog}
 * for where they live). Before anything is sent, the record is claimed with a conditional write: created, or
 * taken over when the last try failed or when its claim has run out. A claim lasts until the claiming
 * invocation's deadline, after which that invocation cannot be sending any more: so a record left pending by a
 * crash is picked up by Lambda's next try, while two concurrent deliveries of the same event never both send.
 * A notification its destination could not take is buffered ({@code waiting}) in the destination's
 * {@link OutageQueue}, with the same claim protecting the scheduled retry from an event delivered again.
 */
final class DeliveryStore {
    enum Claim { CLAIMED, DELIVERED_BEFORE, WAITING, CLAIMED_ELSEWHERE }

    private final DynamoDbClient dynamo;
    private final String table;
    private final OutageQueue queue;

    DeliveryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.queue = new OutageQueue(dynamo, table);
    }

    /** The destinations' outage queues, which the records' buffering writes go with. */
    OutageQueue queue() {
        return queue;
    }

    /**
     * Claims the notification's record for the caller until {@code until}, if no one delivered or holds it. A
     * {@code waiting} record is the scheduled retry's alone ({@code fromQueue}): an event delivered again while its
     * notification is buffered must not send it ahead of the queue.
     */
    Claim claim(Notification notification, Instant now, Instant until, boolean fromQueue) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(notification))
                    .updateExpression("SET #kind = :kind, qualificationId = :qualificationId,"
                            + " destinationId = :destinationId, destinationType = :destinationType,"
                            + " #status = :pending, claimedUntil = :until,"
                            + " createdAt = if_not_exists(createdAt, :now), updatedAt = :now")
                    .conditionExpression("attribute_not_exists(pk) OR #status IN (:failed, :abandoned, :free)"
                            + " OR (#status = :pending AND claimedUntil < :nowMillis)")
                    .expressionAttributeNames(Map.of("#kind", LeadTable.KIND, "#status", "status"))
                    .expressionAttributeValues(AttributeValues.item(Map.ofEntries(
                            Map.entry(":kind", LeadTable.DELIVERY),
                            Map.entry(":qualificationId", notification.event().qualificationId()),
                            Map.entry(":destinationId", notification.destination().id()),
                            Map.entry(":destinationType", notification.destination().type().wire()),
                            Map.entry(":pending", Delivery.Status.PENDING.wire()),
                            Map.entry(":failed", Delivery.Status.FAILED.wire()),
                            Map.entry(":abandoned", Delivery.Status.ABANDONED.wire()),
                            // the event's path never takes a waiting record: then it repeats :failed
                            Map.entry(":free", fromQueue ? Delivery.Status.WAITING.wire() : Delivery.Status.FAILED.wire()),
                            Map.entry(":until", until.toEpochMilli()),
                            Map.entry(":now", now.toString()),
                            Map.entry(":nowMillis", now.toEpochMilli()))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            AttributeValue status = taken.hasItem() ? taken.item().get("status") : null;
            String wire = status == null ? null : status.s();
            return Delivery.Status.DELIVERED.wire().equals(wire) ? Claim.DELIVERED_BEFORE
                    : Delivery.Status.WAITING.wire().equals(wire) ? Claim.WAITING
                    : Claim.CLAIMED_ELSEWHERE;
        }
    }

    void delivered(Notification notification, Retry.Attempts attempts, Instant now) {
        dynamo.updateItem(updateItem(settle(notification, Delivery.Status.DELIVERED, attempts, now, null)));
    }

    /** Refused for good, on the event's path: Lambda's retries and then the dead-letter queue take it. */
    void failed(Notification notification, Retry.Attempts attempts, Instant now) {
        dynamo.updateItem(updateItem(settle(notification, Delivery.Status.FAILED, attempts, now, null)));
    }

    /** Puts the notification at the end of its destination's outage queue, and says so in its record. */
    void buffered(Notification notification, Retry.Attempts attempts, Instant now, Instant nextAttemptAt) {
        write(record(settle(notification, Delivery.Status.WAITING, attempts, now, nextAttemptAt)),
                queue.add(notification, now, nextAttemptAt));
    }

    /** The scheduled retry delivered it: out of the queue. */
    void deliveredFromQueue(Notification notification, OutageQueue.Entry entry, Retry.Attempts attempts,
                            Instant now) {
        write(record(settle(notification, Delivery.Status.DELIVERED, attempts, now, null)), queue.remove(entry));
    }

    /** The scheduled retry failed again: it stays at the head of the queue until {@code nextAttemptAt}. */
    void stillWaiting(Notification notification, OutageQueue.Entry entry, Retry.Attempts attempts, Instant now,
                      Instant nextAttemptAt) {
        write(record(settle(notification, Delivery.Status.WAITING, attempts, now, nextAttemptAt)),
                queue.retryLater(entry, nextAttemptAt));
    }

    /** Given up: out of the queue, and the record keeps what happened. */
    void abandoned(Notification notification, OutageQueue.Entry entry, Retry.Attempts attempts, Instant now) {
        write(record(settle(notification, Delivery.Status.ABANDONED, attempts, now, null)), queue.remove(entry));
    }

    /** An entry whose notification was delivered before (a retry that stopped before it could take it out). */
    void dropFromQueue(OutageQueue.Entry entry) {
        write(queue.remove(entry));
    }

    /** Unconditional: the caller holds the claim, which lasts as long as the caller can run. */
    private Update settle(Notification notification, Delivery.Status status, Retry.Attempts attempts, Instant now,
                          Instant nextAttemptAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":status", AttributeValue.fromS(status.wire()),
                ":statusCode", AttributeValues.of(attempts.last().statusCode()),
                ":error", AttributeValues.of(attempts.last().error()),
                ":answer", AttributeValues.of(attempts.last().answer()),
                ":now", AttributeValue.fromS(now.toString()),
                ":attempts", AttributeValues.of(attempts.count())));
        String set = "SET #status = :status, statusCode = :statusCode, #error = :error, answer = :answer,"
                + " updatedAt = :now";
        if (status == Delivery.Status.DELIVERED) {
            set += ", deliveredAt = :now";
        }
        if (nextAttemptAt != null) {
            set += ", nextAttemptAt = :next, bufferedAt = if_not_exists(bufferedAt, :now)";
            values.put(":next", AttributeValue.fromS(nextAttemptAt.toString()));
        }
        return Update.builder().tableName(table)
                .key(key(notification))
                .updateExpression(set + " REMOVE claimedUntil" + (nextAttemptAt == null ? ", nextAttemptAt" : "")
                        + " ADD attempts :attempts")
                .expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
                .expressionAttributeValues(values)
                .build();
    }

    private static TransactWriteItem record(Update update) {
        return TransactWriteItem.builder().update(update).build();
    }

    private static UpdateItemRequest updateItem(Update update) {
        return UpdateItemRequest.builder().tableName(update.tableName()).key(update.key())
                .updateExpression(update.updateExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues()).build();
    }

    /** The record and its queue entry change together, so that neither says what the other does not. */
    private void write(TransactWriteItem... items) {
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
    }

    private static Map<String, AttributeValue> key(Notification notification) {
        return DeliveryLog.key(notification.event().qualificationId(), notification.destination().id());
    }
}
