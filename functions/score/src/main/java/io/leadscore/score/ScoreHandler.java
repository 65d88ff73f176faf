package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.lead.LeadScorer;
import io.leadscore.model.ModelLoader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores new activities from the table's stream. Records are grouped by lead, keeping stream order, and each
 * lead is applied in one go. A lead that fails is reported as a batch item failure at its first record, so
 * Lambda retries from there; leads already applied are recognised by their ledger and not counted twice.
 */
public final class ScoreHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final LeadStore leads;
    private final LeadScorer scorer;

    /** Lambda's entry: configuration from the environment. */
    public ScoreHandler() {
        this(Environment.system());
    }

    public ScoreHandler(Environment env) {
        this.leads = new LeadStore(AwsClients.dynamoDb(env), env.require("TABLE_NAME"), Clocks.from(env));
        this.scorer = new LeadScorer(ModelLoader.load(env.get("MODEL_PATH").orElse(null)));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Metrics metrics = new Metrics("score");
        Map<String, List<DynamodbEvent.DynamodbStreamRecord>> byLead = new LinkedHashMap<>();
        Map<String, List<Activity>> activities = new LinkedHashMap<>();
        List<BatchItemFailure> failures = new ArrayList<>();
        for (var record : event.getRecords()) {
            var image = record.getDynamodb().getNewImage();
            if (image == null || !image.containsKey(LeadTable.KIND)
                    || !LeadTable.ACTIVITY.equals(image.get(LeadTable.KIND).getS())) {
                continue; // the event source's filter keeps these out; a filter edited by hand may not
            }
            Activity activity;
            try {
                activity = ActivityStore.fromImage(AttributeValues.fromStreamImage(image));
            } catch (IllegalArgumentException e) {
                Log.error("unreadable activity record", e, "sequenceNumber", sequenceNumber(record));
                failures.add(new BatchItemFailure(sequenceNumber(record)));
                break; // nothing after it may be applied before it
            }
            byLead.computeIfAbsent(activity.leadId(), id -> new ArrayList<>()).add(record);
            activities.computeIfAbsent(activity.leadId(), id -> new ArrayList<>()).add(activity);
        }
        int applied = 0;
        int repeated = 0;
        for (var entry : activities.entrySet()) {
            String leadId = entry.getKey();
            try {
                LeadStore.Applied result = leads.apply(leadId, entry.getValue(), scorer);
                applied += result.applied();
                repeated += result.alreadyApplied();
            } catch (RuntimeException e) {
                Log.error("scoring a lead failed; Lambda will retry from its first record", e, "leadId", leadId);
                failures.add(new BatchItemFailure(sequenceNumber(byLead.get(leadId).get(0))));
            }
        }
        metrics.count("ActivitiesScored", applied).count("ActivitiesAlreadyScored", repeated)
                .count("LeadsFailed", failures.size()).publish();
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private static String sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }
}
