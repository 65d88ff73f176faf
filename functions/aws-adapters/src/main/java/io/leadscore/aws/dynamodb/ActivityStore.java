package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.scoring.Redrive;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records activities, each at most once, each expiring as the {@link Retention} says from when it happened. The
 * conditional put is the whole de-duplication: a retried POST finds its item and is told "duplicate", and only the
 * first write reaches the stream.
 */
public final class ActivityStore implements Redrive.RecordedActivities {
    public enum Outcome { ACCEPTED, DUPLICATE }

    /** An activity's sort key in its lead's partition: {@code ACT#<eventId>}. */
    static final String PREFIX = "ACT#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Retention retention;

    public ActivityStore(DynamoDbClient dynamo, String table, Retention retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    public Outcome record(Activity activity) {
        return record(activity, LeadTable.ACTIVITY);
    }

    /** Records it as an item of this kind: the stream's filter hands only {@link LeadTable#ACTIVITY} to scoring. */
    Outcome record(Activity activity, String kind) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(LeadTable.expiring(LeadTable.item(LeadTable.leadPk(activity.leadId()),
                                    PREFIX + activity.eventId(), kind, activity),
                            retention, activity.occurredAt()))
                    .conditionExpression("attribute_not_exists(pk)")
                    .build());
            return Outcome.ACCEPTED;
        } catch (ConditionalCheckFailedException duplicate) {
            return Outcome.DUPLICATE;
        }
    }

    /**
     * Reads the whole table (a Scan, filtered to activities): a redrive is rare, and an index of every activity by
     * time would cost a write on every event for it. Times are compared here, not in the filter, because stored
     * instants vary in their fraction's length and so do not sort as text.
     */
    @Override
    public List<Activity> receivedBetween(Instant from, Instant to) {
        return dynamo.scanPaginator(request -> request.tableName(table).consistentRead(true)
                        .filterExpression("#kind = :activity")
                        .expressionAttributeNames(Map.of("#kind", LeadTable.KIND))
                        .expressionAttributeValues(Map.of(":activity", AttributeValue.fromS(LeadTable.ACTIVITY))))
                .items().stream()
                .map(item -> LeadTable.fromItem(item, Activity.class))
                .filter(activity -> activity.receivedAt() != null && !activity.receivedAt().isBefore(from)
                        && !activity.receivedAt().isAfter(to))
                .toList();
    }

    /** The activity in a stream record's new image. */
    public static Activity fromImage(Map<String, Object> image) {
        return LeadTable.fromValues(image, Activity.class);
    }
}
