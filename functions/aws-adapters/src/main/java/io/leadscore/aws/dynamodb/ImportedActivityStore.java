package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.history.ImportedActivities;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imported activities in the table: in their lead's partition as {@code ACT#<eventId>} like live ones (one id space,
 * so an event imported and also sent live is recorded once; a lead's history, export and erasure read them all), but
 * of their own kind, which the score function's stream filter leaves out.
 */
public final class ImportedActivityStore implements ImportedActivities {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ActivityStore activities;
    private final Optional<ErasedLeads> fence;

    /**
     * @param fence the erased leads' fence, empty when erased leads may start again ({@link ErasedLeads#fence})
     */
    public ImportedActivityStore(DynamoDbClient dynamo, String table, ActivityStore activities,
                                 Optional<ErasedLeads> fence) {
        this.dynamo = dynamo;
        this.table = table;
        this.activities = activities;
        this.fence = fence;
    }

    @Override
    public boolean record(Activity activity) {
        return activities.record(activity, LeadTable.IMPORTED_ACTIVITY) == ActivityStore.Outcome.ACCEPTED;
    }

    @Override
    public List<Activity> imported(String leadId) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .filterExpression("#kind = :imported")
                        .expressionAttributeNames(Map.of("#kind", LeadTable.KIND))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                                ":prefix", AttributeValue.fromS(ActivityStore.PREFIX),
                                ":imported", AttributeValue.fromS(LeadTable.IMPORTED_ACTIVITY)))
                        .consistentRead(true).build())
                .items().stream().map(item -> LeadTable.fromItem(item, Activity.class)).toList();
    }

    @Override
    public Set<String> erased(Collection<String> leadIds) {
        return fence.map(erased -> erased.among(leadIds)).orElse(Set.of());
    }
}
