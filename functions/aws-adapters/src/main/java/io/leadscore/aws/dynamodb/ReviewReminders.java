package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.ModelReviewDue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model's review reminders as stored: each {@link ModelReviewDue} in the model's outbox, written in one transaction
 * with the model pointer's next review date, which moves on. The pointer is changed as {@link ModelStore} changes it,
 * only while it is at the revision read, its revision one on; and the reminder only if it is not stored yet, its key
 * holding the due date. So a due date is announced once, whoever looks and however often.
 */
public final class ReviewReminders {
    private static final String CHECK_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";

    /** What became of a reminder. */
    public enum Outcome {
        /** Stored, and the pointer moved on: the publish function puts it on the bus. */
        ANNOUNCED,
        /** Stored before (by a run whose pointer change was overwritten since): only the pointer moved on. */
        ANNOUNCED_BEFORE,
        /** The pointer changed since it was read (a publish, another run): nothing was written. */
        POINTER_MOVED
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Outbox outbox;

    public ReviewReminders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = new Outbox(dynamo, table);
    }

    /**
     * Stores the reminder and moves the pointer's next review date to {@code nextReviewAt}, if the pointer is still as
     * {@code read}.
     */
    public Outcome announce(ModelPointer read, ModelReviewDue reminder, Instant nextReviewAt, Instant now) {
        Update advance = advance(read, nextReviewAt);
        try {
            dynamo.transactWriteItems(request -> request.transactItems(outbox.putOnce(reminder, now),
                    TransactWriteItem.builder().update(advance).build()));
            return Outcome.ANNOUNCED;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (is(reasons, 1, CHECK_FAILED) || reasons.stream().anyMatch(reason -> CONFLICT.equals(reason.code()))) {
                return Outcome.POINTER_MOVED;
            }
            if (!is(reasons, 0, CHECK_FAILED)) {
                throw cancelled;
            }
        }
        try {
            dynamo.updateItem(request -> request.tableName(table).key(advance.key())
                    .updateExpression(advance.updateExpression())
                    .conditionExpression(advance.conditionExpression())
                    .expressionAttributeNames(advance.expressionAttributeNames())
                    .expressionAttributeValues(advance.expressionAttributeValues()));
            return Outcome.ANNOUNCED_BEFORE;
        } catch (ConditionalCheckFailedException | TransactionConflictException moved) {
            return Outcome.POINTER_MOVED;
        }
    }

    private Update advance(ModelPointer read, Instant nextReviewAt) {
        return Update.builder().tableName(table)
                .key(LeadTable.key(ModelStore.pk(read.modelId()), ModelStore.POINTER_SK))
                .updateExpression("SET #nextReviewAt = :next, #revision = :advanced")
                .conditionExpression("#revision = :read")
                .expressionAttributeNames(Map.of("#nextReviewAt", "nextReviewAt", "#revision", "revision"))
                .expressionAttributeValues(Map.of(":next", AttributeValue.fromS(nextReviewAt.toString()),
                        ":advanced", AttributeValues.of(read.revision() + 1),
                        ":read", AttributeValues.of(read.revision())))
                .build();
    }

    private static boolean is(List<CancellationReason> reasons, int index, String code) {
        return reasons.size() > index && code.equals(reasons.get(index).code());
    }
}
