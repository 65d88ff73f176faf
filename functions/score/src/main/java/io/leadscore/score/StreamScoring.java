package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.ErasedLeads;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.scoring.ScoringRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A stream batch of new activities applied by a {@link ScoringRun}: the live one ({@link ScoreHandler}) or the
 * challenger's in shadow ({@link ShadowHandler}). Records are grouped by lead, keeping stream order, and leads
 * by account, and each group is applied in one go, so an account is written once for all its members. A lead
 * that fails is reported as a batch item failure at its first record, so Lambda retries from there; leads
 * already applied are recognised by their ledger and not counted twice.
 */
final class StreamScoring {
    /** Empty when erased leads may start again ({@code RecreateErasedLeads}). */
    private final Optional<ErasedLeads> erasedLeads;
    /** Leads are independent: their transactions overlap, while each lead's activities stay in order. */
    private final Parallel leadWrites;

    StreamScoring(Optional<ErasedLeads> erasedLeads, String threads) {
        this.erasedLeads = erasedLeads;
        this.leadWrites = new Parallel(8, threads);
    }

    /**
     * Applies the batch's activities by the run {@code scoring} gives (read once the batch holds activities; empty:
     * nothing to apply), counting in {@code metrics}.
     */
    StreamsEventResponse apply(DynamodbEvent event, Supplier<Optional<ScoringRun>> scoring, Metrics metrics) {
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
        int ofErased = erasedLeads.map(fence -> skipErased(fence, activities)).orElse(0);
        Optional<ScoringRun> run = activities.isEmpty() ? Optional.empty() : scoring.get();
        List<Outcome> outcomes = run.map(r -> leadWrites.map(r.groups(activities), group -> apply(r, group)))
                .orElse(List.of());
        int applied = 0;
        int repeated = 0;
        for (Outcome outcome : outcomes) {
            if (outcome.applied() == null) {
                outcome.leadIds().forEach(leadId ->
                        failures.add(new BatchItemFailure(sequenceNumber(byLead.get(leadId).get(0)))));
            } else {
                applied += outcome.applied().stream().mapToInt(ScoringRun.Applied::applied).sum();
                repeated += outcome.applied().stream().mapToInt(ScoringRun.Applied::alreadyApplied).sum();
            }
        }
        metrics.count("ActivitiesScored", applied).count("ActivitiesAlreadyScored", repeated)
                .count("LeadsFailed", failures.size()).count("ActivitiesOfErasedLeads", ofErased).publish();
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /**
     * A group's result: what was applied, or null when it failed and must be retried from the first record of
     * each lead whose events it held ({@code leadIds}, as the records name them).
     */
    private record Outcome(Set<String> leadIds, List<ScoringRun.Applied> applied) {
    }

    /**
     * Drops the activities of erased leads: recorded before the erasure fenced the lead (or while
     * {@code RecreateErasedLeads} was on), they would otherwise start the lead again.
     *
     * @return how many were dropped
     */
    private static int skipErased(ErasedLeads fence, Map<String, List<Activity>> activities) {
        int dropped = 0;
        for (String leadId : fence.among(activities.keySet())) {
            dropped += activities.remove(leadId).size();
        }
        return dropped;
    }

    /** The leads of one account (or a lead alone), applied together: their account is written once. */
    private static Outcome apply(ScoringRun scoring, ScoringRun.Group group) {
        Set<String> recorded = new LinkedHashSet<>();
        group.activities().values().forEach(list -> list.forEach(activity -> recorded.add(activity.leadId())));
        try {
            return new Outcome(recorded, scoring.apply(group));
        } catch (RuntimeException e) {
            Log.error("scoring leads failed; Lambda will retry from their first records", e, "leadIds",
                    String.join(",", recorded));
            return new Outcome(recorded, null);
        }
    }

    private static String sequenceNumber(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }
}
