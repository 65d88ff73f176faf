package io.leadscore.notify;

import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.LeadTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.Map;

/**
 * Writes the delivery records that make a notification go out once per destination (see {@link DeliveryLog}
 * for where they live). Before anything is sent, the record is claimed with a conditional write: created, or
 * taken over when the last try failed or when its claim has run out. A claim lasts until the claiming
 * invocation's deadline, after which that invocation cannot be sending any more: so a record left pending by a
 * crash is picked up by Lambda's next try, while two concurrent deliveries of the same event never both send.
 */
final class DeliveryStore {
    enum Claim { CLAIMED, DELIVERED_BEFORE, CLAIMED_ELSEWHERE }

    private final DynamoDbClient dynamo;
    private final String table;

    DeliveryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Claims the notification's record for the caller until {@code until}, if no one delivered or holds it. */
    Claim claim(Notification notification, Instant now, Instant until) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(key(notification))
                    .updateExpression("SET #kind = :kind, qualificationId = :qualificationId,"
                            + " destinationId = :destinationId, destinationType = :destinationType,"
                            + " #status = :pending, claimedUntil = :until,"
                            + " createdAt = if_not_exists(createdAt, :now), updatedAt = :now")
                    .conditionExpression("attribute_not_exists(pk) OR #status = :failed"
                            + " OR (#status = :pending AND claimedUntil < :nowMillis)")
                    .expressionAttributeNames(Map.of("#kind", LeadTable.KIND, "#status", "status"))
                    .expressionAttributeValues(AttributeValues.item(Map.of(
                            ":kind", LeadTable.DELIVERY,
                            ":qualificationId", notification.event().qualificationId(),
                            ":destinationId", notification.destination().id(),
                            ":destinationType", notification.destination().type().wire(),
                            ":pending", Delivery.Status.PENDING.wire(),
                            ":failed", Delivery.Status.FAILED.wire(),
                            ":until", until.toEpochMilli(),
                            ":now", now.toString(),
                            ":nowMillis", now.toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            AttributeValue status = taken.hasItem() ? taken.item().get("status") : null;
            return status != null && Delivery.Status.DELIVERED.wire().equals(status.s())
                    ? Claim.DELIVERED_BEFORE
                    : Claim.CLAIMED_ELSEWHERE;
        }
    }

    void delivered(Notification notification, Retry.Attempts attempts, Instant now) {
        settle(notification, Delivery.Status.DELIVERED, attempts, now);
    }

    void failed(Notification notification, Retry.Attempts attempts, Instant now) {
        settle(notification, Delivery.Status.FAILED, attempts, now);
    }

    /** Unconditional: the caller holds the claim, which lasts as long as the caller can run. */
    private void settle(Notification notification, Delivery.Status status, Retry.Attempts attempts, Instant now) {
        boolean delivered = status == Delivery.Status.DELIVERED;
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(key(notification))
                .updateExpression("SET #status = :status, statusCode = :statusCode, #error = :error, answer = :answer,"
                        + " updatedAt = :now"
                        + (delivered ? ", deliveredAt = :now" : "") + " REMOVE claimedUntil ADD attempts :attempts")
                .expressionAttributeNames(Map.of("#status", "status", "#error", "error"))
                .expressionAttributeValues(Map.of(
                        ":status", AttributeValue.fromS(status.wire()),
                        ":statusCode", AttributeValues.of(attempts.last().statusCode()),
                        ":error", AttributeValues.of(attempts.last().error()),
                        ":answer", AttributeValues.of(attempts.last().answer()),
                        ":now", AttributeValue.fromS(now.toString()),
                        ":attempts", AttributeValues.of(attempts.count())))
                .build());
    }

    private static Map<String, AttributeValue> key(Notification notification) {
        return DeliveryLog.key(notification.event().qualificationId(), notification.destination().id());
    }
}
