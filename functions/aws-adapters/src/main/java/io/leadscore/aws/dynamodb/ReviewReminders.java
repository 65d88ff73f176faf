package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.ModelReviewDue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model's review reminders as stored: each {@link ModelReviewDue} in the model's outbox, only if it is not stored
 * yet (its key holds the due date) and only while the model's pointer is at the revision read (so a publish, which is
 * how a review is recorded and moves {@code nextReviewAt} on, is never answered with a reminder of the review it just
 * recorded). The pointer itself is left as it is: its {@code nextReviewAt} stays until a publish, so that the admin API
 * shows the review overdue meanwhile.
 */
public final class ReviewReminders {
    private static final String CHECK_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";

    /** What became of a reminder. */
    public enum Outcome {
        /** Stored: the publish function puts it on the bus. */
        ANNOUNCED,
        /** Stored before, by an earlier run: nothing written. */
        ANNOUNCED_BEFORE,
        /** The pointer changed since it was read (a publish, a draft): nothing written. */
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

    /** Stores the reminder, once, if the pointer is still as {@code read}. */
    public Outcome announce(ModelPointer read, ModelReviewDue reminder, Instant now) {
        ConditionCheck unchanged = ConditionCheck.builder().tableName(table)
                .key(LeadTable.key(ModelStore.pk(read.modelId()), ModelStore.POINTER_SK))
                .conditionExpression("#revision = :read")
                .expressionAttributeNames(Map.of("#revision", "revision"))
                .expressionAttributeValues(Map.of(":read", AttributeValues.of(read.revision())))
                .build();
        try {
            dynamo.transactWriteItems(request -> request.transactItems(outbox.putOnce(reminder, now),
                    TransactWriteItem.builder().conditionCheck(unchanged).build()));
            return Outcome.ANNOUNCED;
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.cancellationReasons();
            if (is(reasons, 1, CHECK_FAILED) || reasons.stream().anyMatch(reason -> CONFLICT.equals(reason.code()))) {
                return Outcome.POINTER_MOVED;
            }
            if (is(reasons, 0, CHECK_FAILED)) {
                return Outcome.ANNOUNCED_BEFORE;
            }
            throw cancelled;
        }
    }

    private static boolean is(List<CancellationReason> reasons, int index, String code) {
        return reasons.size() > index && code.equals(reasons.get(index).code());
    }
}
