package io.leadscore.aws.dynamodb;

import io.leadscore.challenger.Challenge;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's challenge ({@code MODEL#<id>}/{@code CHALLENGER}): the revision scored in shadow, since when, and how it
 * ended. One item per model, so one challenger at a time; a new challenge replaces one that ended.
 */
public final class ChallengeStore {
    static final String SK = "CHALLENGER";
    public static final String KIND = "challenger";

    private final DynamoDbClient dynamo;
    private final String table;

    public ChallengeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A challenge could not start: {@link #pointerMoved} (read it again) or another challenge runs. */
    public static final class NotStarted extends IllegalStateException {
        private final boolean pointerMoved;

        NotStarted(boolean pointerMoved, Throwable cause) {
            super(pointerMoved ? "the model's pointer moved" : "a challenge is running", cause);
            this.pointerMoved = pointerMoved;
        }

        public boolean pointerMoved() {
            return pointerMoved;
        }
    }

    /** The model's challenge, running or ended; empty when it never had one. Read consistently. */
    public Optional<Challenge> challenge(String modelId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(ModelStore.pk(modelId), SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadTable.fromItem(item, Challenge.class));
    }

    /**
     * Starts the challenge while the pointer is still as {@code read} (so the revision is not published meanwhile)
     * and no other challenge runs.
     */
    public void start(ModelPointer read, Challenge challenge) {
        TransactWriteItem pointer = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(LeadTable.key(ModelStore.pk(read.modelId()), ModelStore.POINTER_SK))
                .conditionExpression("#revision = :read").expressionAttributeNames(Map.of("#revision", "revision"))
                .expressionAttributeValues(Map.of(":read", AttributeValues.of(read.revision()))).build()).build();
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(LeadTable.item(ModelStore.pk(challenge.modelId()), SK, KIND, challenge))
                .conditionExpression("attribute_not_exists(pk) OR attribute_type(endedAt, :string)")
                .expressionAttributeValues(Map.of(":string", AttributeValue.fromS("S"))).build()).build();
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(pointer, put).build());
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            throw new NotStarted(!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code()), e);
        }
    }

    /** Stops the running challenge; false when it had ended already (or another replaced it). */
    public boolean stop(Challenge running, Instant at) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(key(running))
                    .updateExpression("SET endedAt = :at, promoted = :false")
                    .conditionExpression(RUNNING)
                    .expressionAttributeValues(values(running, at, false)).build());
            return true;
        } catch (ConditionalCheckFailedException ended) {
            return false;
        }
    }

    /**
     * The write that ends the running challenge as promoted, for the publish of its revision: in the publish's own
     * transaction, so the challenger never scores in shadow the revision that scores live.
     */
    public TransactWriteItem promotion(Challenge running, Instant at) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(running))
                .updateExpression("SET endedAt = :at, promoted = :true")
                .conditionExpression(RUNNING)
                .expressionAttributeValues(values(running, at, true)).build()).build();
    }

    /** Still the challenge read, and not ended. */
    private static final String RUNNING = "startedAt = :started AND attribute_not_exists(endedAt)";

    private static Map<String, AttributeValue> key(Challenge challenge) {
        return LeadTable.key(ModelStore.pk(challenge.modelId()), SK);
    }

    private static Map<String, AttributeValue> values(Challenge running, Instant at, boolean promoted) {
        return Map.of(":at", AttributeValue.fromS(at.toString()), promoted ? ":true" : ":false",
                AttributeValue.fromBool(promoted), ":started", AttributeValue.fromS(running.startedAt().toString()));
    }
}
