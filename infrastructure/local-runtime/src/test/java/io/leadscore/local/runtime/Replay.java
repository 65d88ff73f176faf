package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.local.StreamPoller;
import io.leadscore.model.ModelLoader;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the leads should be: every accepted activity, read back from the table's stream in the order the score
 * function receives them (per lead, the order they were recorded in), applied from scratch, in memory, by the
 * score function's model, merges included: an event that names the visitor its lead was merges the visitor's
 * history so far into the lead, once, and the visitor's later events are the lead's. {@link #reconcile} holds the
 * stored leads and ledgers against it.
 */
final class Replay {
    private static final int LEDGER_LIMIT = 10_000;

    private final LeadScorer scorer;
    private final Map<String, List<Activity>> activitiesByLead;
    /** Each lead (and retired visitor) as the activities make it, in the stream's order across leads. */
    private final Map<String, Lead> expected = new LinkedHashMap<>();
    /** The lead each merged visitor went into. */
    private final Map<String, String> mergedInto = new HashMap<>();

    private Replay(LeadScorer scorer, List<Activity> inStreamOrder) {
        this.scorer = scorer;
        this.activitiesByLead = inStreamOrder.stream().collect(Collectors.groupingBy(Activity::leadId,
                LinkedHashMap::new, Collectors.toList()));
        for (Activity activity : inStreamOrder) {
            String owner = mergedInto.getOrDefault(activity.leadId(), activity.leadId());
            Lead lead = expected.getOrDefault(owner, Lead.newLead(owner));
            String visitorId = activity.visitorId().orElse(null);
            Lead visitor = visitorId == null || mergedInto.containsKey(visitorId) ? null : expected.get(visitorId);
            if (visitor != null) {
                lead = scorer.merge(lead, visitor, activity.occurredAt(), Instant.now()).lead();
                expected.put(visitorId, visitor.retiredInto(owner));
                mergedInto.put(visitorId, owner);
            }
            expected.put(owner, scorer.apply(lead, activity, Instant.now()).lead());
        }
    }

    /**
     * Reads the activities of the table's stream through the score function's own event source (its filter and
     * ordering), and checks that the table holds each of them once: one stored item per stream INSERT.
     */
    static Replay of(LocalDynamoDb dynamoDb, SamTemplate template) {
        Map<String, String> scoreEnvironment = LocalFunctions.environment(template, dynamoDb, "ScoreFunction");
        LeadScorer scorer = new LeadScorer(ModelLoader.load(scoreEnvironment.get("MODEL_PATH")));
        List<Activity> inStreamOrder = new ArrayList<>();
        try (StreamPoller reader = new StreamPoller(dynamoDb, template.function("ScoreFunction").streamSources().get(0),
                batch -> {
                    batch.getRecords().forEach(record -> inStreamOrder.add(ActivityStore.fromImage(
                            AttributeValues.fromStreamImage(record.getDynamodb().getNewImage()))));
                    return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
                })) {
            reader.drain(Pipeline.WAIT);
        }
        assertEquals(storedActivities(dynamoDb, template), inStreamOrder.size(), "one stream INSERT per stored activity");
        return new Replay(scorer, inStreamOrder);
    }

    LeadScorer scorer() {
        return scorer;
    }

    Set<String> leadIds() {
        return activitiesByLead.keySet();
    }

    List<Activity> activities(String leadId) {
        return activitiesByLead.getOrDefault(leadId, List.of());
    }

    int activityCount() {
        return activitiesByLead.values().stream().mapToInt(List::size).sum();
    }

    /** The lead as its activities (and the visitors merged into it) make it, applied one by one from a new lead. */
    Lead expected(String leadId) {
        return expected.getOrDefault(leadId, Lead.newLead(leadId));
    }

    /** Holds every stored lead and ledger against the replay. */
    Reconciliation reconcile(LeadStore store) {
        return reconcile(store, UnaryOperator.identity());
    }

    /**
     * As {@link #reconcile(LeadStore)}, for leads that something has changed since their activities (a decay
     * sweep): {@code afterwards} does the same to the replayed lead.
     *
     * <p>A stored lead is compared whole (profile, breakdown by rule with points, hits and times, cap hits,
     * qualifications, activity times, cold and decay state, next due time) except its {@code revision}, which
     * counts writes: it depends on how the activities were batched and retried, not on what they were.
     */
    Reconciliation reconcile(LeadStore store, UnaryOperator<Lead> afterwards) {
        List<String> lost = new ArrayList<>();
        List<String> doubleCounted = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        Map<String, Map<String, Long>> ledgers = new HashMap<>();
        for (String leadId : leadIds()) {
            for (Activity activity : activities(leadId)) {
                // Counted in the ledgers of the lead it was sent for and of the lead that visitor merged into: a
                // visitor's event applied to both would be counted twice.
                long entries = Stream.of(leadId, mergedInto.getOrDefault(leadId, leadId)).distinct()
                        .mapToLong(id -> ledgers.computeIfAbsent(id, lead -> eventEntries(store, lead))
                                .getOrDefault(activity.eventId(), 0L)).sum();
                if (entries == 0) {
                    lost.add(leadId + "/" + activity.eventId());
                } else if (entries > 1) {
                    doubleCounted.add(leadId + "/" + activity.eventId() + " x" + entries);
                }
            }
            Lead expected = afterwards.apply(expected(leadId)).withRevision(0);
            Lead stored = store.lead(leadId).map(lead -> lead.withRevision(0)).orElse(null);
            if (!expected.equals(stored)) {
                mismatched.add(leadId + ": stored " + describe(stored) + ", replayed " + describe(expected)
                        + "\n    stored   " + stored + "\n    replayed " + expected);
            }
        }
        return new Reconciliation(activityCount(), leadIds().size(), lost, doubleCounted, mismatched);
    }

    private static Map<String, Long> eventEntries(LeadStore store, String leadId) {
        return store.recentLedger(leadId, LEDGER_LIMIT).stream()
                .filter(entry -> LedgerEntry.EVENT.equals(entry.reason()))
                .collect(Collectors.groupingBy(LedgerEntry::eventId, Collectors.counting()));
    }

    private static String describe(Lead lead) {
        return lead == null ? "nothing" : "score " + lead.score() + " " + lead.groups();
    }

    private static int storedActivities(LocalDynamoDb dynamoDb, SamTemplate template) {
        return dynamoDb.client().scanPaginator(request -> request.tableName(dynamoDb.tableName("LeadScoreTable"))
                        .filterExpression("#kind = :activity").expressionAttributeNames(Map.of("#kind", LeadTable.KIND))
                        .expressionAttributeValues(Map.of(":activity", AttributeValue.fromS(LeadTable.ACTIVITY))))
                .items().stream().mapToInt(item -> 1).sum();
    }

    /**
     * What the stored state says against the replay: activities without a ledger entry (lost), with more than one
     * (counted twice), and leads whose state is not what their activities make.
     */
    record Reconciliation(int activities, int leads, List<String> lost, List<String> doubleCounted,
                          List<String> mismatched) {

        /** Zero lost, zero double-counted, every lead as replayed; prints the counts for the record. */
        void assertExact(String scenario) {
            System.out.println("[fault] " + scenario + ": " + this.summary());
            assertEquals(List.of(), lost, "activities lost (no ledger entry)");
            assertEquals(List.of(), doubleCounted, "activities counted twice");
            assertEquals(List.of(), mismatched, "leads that differ from the replay");
        }

        String summary() {
            return activities + " activities over " + leads + " leads: lost " + lost.size() + ", double-counted "
                    + doubleCounted.size() + ", leads differing from the replay " + mismatched.size();
        }
    }
}
