package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.ChallengeStore;
import io.leadscore.aws.dynamodb.CountStore;
import io.leadscore.aws.dynamodb.LeadErasure;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.ShadowStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.challenger.Challenge;
import io.leadscore.challenger.ShadowCounts;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lifecycle.Stage;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.StreamRecords;
import io.leadscore.model.ModelLoader;
import io.leadscore.report.FunnelFacts;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.Rescorer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shadow function fed with the sample stream batch in events/score on DynamoDB Local, while revision 2 (sales-ready
 * at 60 instead of 100, a demo page view worth 30 instead of 10) challenges the published revision 1: it writes its
 * own items only, and each activity once; a lead with a history before the challenge starts from the challenger's
 * replay of it.
 */
class ShadowHandlerTest {
    private static final String SAMPLE_BATCH = "../../events/score/new-activities.json";
    private static final Instant STARTED = Instant.parse("2026-11-22T09:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    private static final String DEMO_PAGE = "when: { url: { glob: \"*/demo*\" } }";
    private static final Set<String> SHADOW_KINDS = Set.of(ShadowStore.SHADOW_LEAD, ShadowStore.SHADOW_LEDGER);

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ScoreHandler score;
    private ShadowHandler shadow;
    private Challenge challenge;
    private Rescorer challenger;
    private String table;
    private long sequence;

    @BeforeEach
    void challengedByRevisionTwo() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
        ModelStore models = new ModelStore(dynamoDb.client(), table);
        models.seed("default", ModelSeed.of(null), STARTED);
        models.draft("default", n -> ModelRevision.draft("default", n, ModelSeed.of(null).yaml()
                        .replace("salesReady: { points: 100, rearmBelow: 90 }", "salesReady: { points: 60, rearmBelow: 50 }")
                        .replace(DEMO_PAGE + "\n    points: 10", DEMO_PAGE + "\n    points: 30"),
                "arn:aws:iam::123456789012:user/marketing-ops", STARTED, "sales-ready at 60, demo page 30", null));
        challenger = new Rescorer(models.parsedRevision("default", 2).orElseThrow().model());
        challenge = new Challenge("default", 2, STARTED, "arn:aws:iam::123456789012:user/marketing-ops", null, false);
        new ChallengeStore(dynamoDb.client(), table).start(models.pointer("default").orElseThrow(), challenge);
        score = new ScoreHandler(new Environment(LocalFunctions.environment("ScoreFunction")));
        shadow = new ShadowHandler(new Environment(LocalFunctions.environment("ShadowFunction")));
    }

    @Test
    void shadowScoringChangesNoLiveItemAndAnnouncesNothing() {
        assertTrue(score.handleRequest(sample(), null).getBatchItemFailures().isEmpty());
        Map<String, Map<String, AttributeValue>> before = items(item -> true);

        assertTrue(shadow.handleRequest(sample(), null).getBatchItemFailures().isEmpty());

        Map<String, Map<String, AttributeValue>> after = items(item -> true);
        assertEquals(before, items(ShadowHandlerTest::live), "every live item (leads, ledger, outbox, accounts,"
                + " counters) as it was");
        assertTrue(after.size() > before.size(), "the challenger's items were written");
        // Live, lead-42 has 65 points, under sales-ready at 100: still a lead, and no MQL counted.
        Lead live = leads().lead("lead-42").orElseThrow();
        assertEquals(65, live.score());
        assertEquals(Stage.LEAD, live.stage());
        assertEquals(0, counts(FunnelFacts.AUDIT).getOrDefault("mqls", 0L));
        // In shadow, the same 65 points cross revision 2's 60: an MQL of the challenger's, counted apart, unannounced.
        Lead shadowed = shadowStore().lead("lead-42").orElseThrow();
        assertEquals(65, shadowed.score());
        assertEquals(Stage.MQL, shadowed.stage());
        assertEquals(Map.of(ShadowCounts.MQLS, 1L), counts(ShadowCounts.FAMILY));
    }

    @Test
    void shadowItemsExpireByTheRetentionAndGoWithAnErasedLead() {
        shadow.handleRequest(sample(), null);
        Map<String, Map<String, AttributeValue>> shadowItems = items(item -> SHADOW_KINDS.contains(item.get("kind").s()));
        assertEquals(Set.of("LEAD#lead-42", "LEAD#lead-77"), shadowItems.values().stream()
                .map(item -> item.get("pk").s()).collect(java.util.stream.Collectors.toSet()));
        shadowItems.values().forEach(item -> assertTrue(item.containsKey("expiresAt"), item.toString()));

        new LeadErasure(dynamoDb.client(), table, Clock.systemUTC()).erase("lead-42",
                ModelLoader.defaultModel().accounts());

        assertEquals(Set.of("LEAD#lead-77"), items(item -> SHADOW_KINDS.contains(item.get("kind").s())).values()
                .stream().map(item -> item.get("pk").s()).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aRetriedBatchIsScoredInShadowOnce() {
        DynamodbEvent firstTwo = sample();
        firstTwo.setRecords(firstTwo.getRecords().subList(0, 2));
        shadow.handleRequest(firstTwo, null);
        shadow.handleRequest(sample(), null);
        Map<String, Map<String, AttributeValue>> once = items(item -> !live(item));

        assertTrue(shadow.handleRequest(sample(), null).getBatchItemFailures().isEmpty());

        assertEquals(once, items(item -> !live(item)), "a redelivery writes nothing more");
        assertEquals(3, shadowStore().ledger("lead-42").size(), "one shadow ledger entry per event");
        assertEquals(2, shadowStore().ledger("lead-77").size());
        assertEquals(65, shadowStore().lead("lead-42").orElseThrow().score());
        assertEquals(Map.of(ShadowCounts.MQLS, 1L), counts(ShadowCounts.FAMILY));
    }

    @Test
    void withoutARunningChallengeNothingIsScoredInShadow() {
        new ChallengeStore(dynamoDb.client(), table).stop(challenge, STARTED.plusSeconds(60));

        assertTrue(shadow.handleRequest(sample(), null).getBatchItemFailures().isEmpty());

        assertEquals(Map.of(), items(item -> !live(item)));
    }

    @Test
    void aLeadWithAHistoryStartsFromTheChallengersReplayOfIt() {
        List<Activity> before = history("lead-42");
        DynamodbEvent earlier = batch(before.stream().map(this::recorded).toList());
        assertTrue(score.handleRequest(earlier, null).getBatchItemFailures().isEmpty());
        Activity demoRequest = activity("evt-0104", "lead-42", "form_submit", Instant.parse("2026-11-23T10:00:00Z"),
                Map.of("formId", "demo-request"));
        DynamodbEvent after = batch(List.of(recorded(demoRequest)));
        assertTrue(score.handleRequest(after, null).getBatchItemFailures().isEmpty());
        Map<String, Map<String, AttributeValue>> live = items(ShadowHandlerTest::live);

        assertTrue(shadow.handleRequest(after, null).getBatchItemFailures().isEmpty());

        assertEquals(live, items(ShadowHandlerTest::live), "every live item as it was");
        // Live: 15 (pricing) + 30 (fit) + 10 (demo page) + 20 (demo request). The challenger counts the demo page 30.
        assertEquals(75, leads().lead("lead-42").orElseThrow().score());
        List<Activity> whole = new ArrayList<>(before);
        whole.add(demoRequest);
        Lead replayed = challenger.replay("lead-42", whole, List.of(), demoRequest.occurredAt());
        Lead shadowed = shadowStore().lead("lead-42").orElseThrow();
        assertEquals(95, replayed.score());
        assertEquals(replayed.score(), shadowed.score());
        assertEquals(replayed.breakdown(), shadowed.breakdown());
        assertEquals(Stage.MQL, shadowed.stage());
        assertEquals(4, shadowed.appliedActivities());
        assertEquals(List.of("evt-0104"), shadowStore().ledger("lead-42").stream().map(LedgerEntry::eventId).toList(),
                "the seed is the state the challenge's own entries start from");
    }

    @Test
    void aLeadSalesReadyBeforeTheStartCountsNoMqlWhileOneTheNewEventTakesOverCountsOne() {
        List<Activity> before = new ArrayList<>(history("lead-42"));
        // lead-77: 15 (pricing) + 30 (fit) = 45 before the start, under 60 for both revisions.
        before.addAll(history("lead-77").subList(0, 2));
        assertTrue(score.handleRequest(batch(before.stream().map(this::recorded).toList()), null)
                .getBatchItemFailures().isEmpty());
        DynamodbEvent after = batch(List.of(
                recorded(activity("evt-0104", "lead-42", "page_view", Instant.parse("2026-11-23T10:00:00Z"),
                        Map.of("url", "https://acme.example/pricing"))),
                recorded(activity("evt-0105", "lead-77", "page_view", Instant.parse("2026-11-23T10:01:00Z"),
                        Map.of("url", "https://acme.example/demo")))));
        assertTrue(score.handleRequest(after, null).getBatchItemFailures().isEmpty());

        assertTrue(shadow.handleRequest(after, null).getBatchItemFailures().isEmpty());

        // lead-42 was sales-ready (75) in the seed: staying so is no new MQL. lead-77 goes from 45 to 75 in shadow.
        assertEquals(Stage.MQL, shadowStore().lead("lead-42").orElseThrow().stage());
        Lead crossed = shadowStore().lead("lead-77").orElseThrow();
        assertEquals(75, crossed.score());
        assertEquals(Stage.MQL, crossed.stage());
        assertEquals(Map.of(ShadowCounts.MQLS, 1L), counts(ShadowCounts.FAMILY));
        assertEquals(0, counts(FunnelFacts.AUDIT).getOrDefault("mqls", 0L), "live, 70 and 55 are under 100");
    }

    @Test
    void aRecordOfAnActivityReceivedBeforeTheStartDeliveredAfterItIsNotAppliedAgain() {
        List<Activity> before = history("lead-42");
        List<DynamodbEvent.DynamodbStreamRecord> lagging = new ArrayList<>(before.stream().map(this::recorded).toList());
        Activity demoRequest = activity("evt-0104", "lead-42", "form_submit", Instant.parse("2026-11-23T10:00:00Z"),
                Map.of("formId", "demo-request"));
        lagging.add(recorded(demoRequest));
        List<Activity> whole = new ArrayList<>(before);
        whole.add(demoRequest);
        int replayed = challenger.replay("lead-42", whole, List.of(), demoRequest.occurredAt()).score();

        // The stream reaches the shadow function after the start with the earlier records still in the batch, and
        // before the live function has applied them: the seed holds them anyway, read from where they are recorded.
        assertTrue(shadow.handleRequest(batch(lagging), null).getBatchItemFailures().isEmpty());
        assertEquals(replayed, shadowStore().lead("lead-42").orElseThrow().score());
        // Delivered again, alone, once the shadow lead is stored: still the seed's.
        Map<String, Map<String, AttributeValue>> once = items(item -> !live(item));
        assertTrue(shadow.handleRequest(batch(lagging.subList(0, 3)), null).getBatchItemFailures().isEmpty());

        assertEquals(once, items(item -> !live(item)));
        assertEquals(replayed, shadowStore().lead("lead-42").orElseThrow().score());
        assertEquals(4, shadowStore().lead("lead-42").orElseThrow().appliedActivities());
        assertEquals(List.of("evt-0104"), shadowStore().ledger("lead-42").stream().map(LedgerEntry::eventId).toList());
    }

    @Test
    void aRetriedBatchOfASeededLeadCountsOnce() {
        List<Activity> before = history("lead-77").subList(0, 2);
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(before.stream().map(this::recorded).toList());
        records.add(recorded(activity("evt-0105", "lead-77", "page_view", Instant.parse("2026-11-23T10:01:00Z"),
                Map.of("url", "https://acme.example/demo"))));
        assertTrue(shadow.handleRequest(batch(records), null).getBatchItemFailures().isEmpty());
        Map<String, Map<String, AttributeValue>> once = items(item -> !live(item));

        assertTrue(shadow.handleRequest(batch(records), null).getBatchItemFailures().isEmpty());

        assertEquals(once, items(item -> !live(item)), "a redelivery writes nothing more");
        assertEquals(75, shadowStore().lead("lead-77").orElseThrow().score());
        assertEquals(Map.of(ShadowCounts.MQLS, 1L), counts(ShadowCounts.FAMILY));
    }

    @Test
    void aVisitorMergedBeforeTheStartIsInItsLeadsSeedAndItsLateEventsGoToItsLead() {
        Instant at = STARTED.minus(Duration.ofHours(2));
        Activity visit = activity("v-pricing", "anon:v-1", "page_view", at, Map.of("url", "https://acme.example/demo"));
        assertTrue(score.handleRequest(batch(List.of(recorded(visit))), null).getBatchItemFailures().isEmpty());
        Activity identify = activity("identify", "lead-42", "identify", at.plusSeconds(60), Map.of("anonymousId", "v-1",
                "email", "dana@acme-corp.example"));
        assertTrue(score.handleRequest(batch(List.of(recorded(identify))), null).getBatchItemFailures().isEmpty());
        assertEquals("lead-42", leads().lead("anon:v-1").orElseThrow().mergedInto(), "merged live before the start");
        Activity demoRequest = activity("evt-0104", "lead-42", "form_submit", Instant.parse("2026-11-23T10:00:00Z"),
                Map.of("formId", "demo-request"));
        Activity lateVisit = activity("v-demo", "anon:v-1", "page_view", Instant.parse("2026-11-23T10:01:00Z"),
                Map.of("url", "https://acme.example/demo"));

        assertTrue(shadow.handleRequest(batch(List.of(recorded(demoRequest))), null).getBatchItemFailures().isEmpty());
        assertTrue(shadow.handleRequest(batch(List.of(recorded(lateVisit))), null).getBatchItemFailures().isEmpty());

        // The visitor's demo page (30 for the challenger) is in the seed; its late one goes to lead-42 as well.
        Lead replayed = challenger.replay("lead-42", List.of(visit, identify, demoRequest, lateVisit), List.of(),
                lateVisit.occurredAt());
        assertEquals(80, replayed.score());
        assertEquals(replayed.score(), shadowStore().lead("lead-42").orElseThrow().score());
        assertTrue(items(item -> item.get("pk").s().equals("LEAD#anon:v-1") && !live(item)).isEmpty(),
                "the visitor has no shadow state of its own");
    }

    /**
     * The sample's events of a lead, an hour before the challenge started (and received then): lead-42's pricing page
     * (15), identify (fit 30) and a demo page view (10; 30 for the challenger); lead-77's pricing page and identify.
     */
    private static List<Activity> history(String leadId) {
        Instant at = STARTED.minus(Duration.ofHours(1));
        Map<String, Object> profile = Map.of("email", leadId + "@acme-corp.example", "jobTitle", "VP Engineering",
                "industry", "software", "companySize", BigDecimal.valueOf(250), "country", "US");
        return List.of(
                activity(leadId + "-pricing", leadId, "page_view", at, Map.of("url", "https://acme.example/pricing")),
                activity(leadId + "-identify", leadId, "identify", at.plusSeconds(60), profile),
                activity(leadId + "-demo", leadId, "page_view", at.plusSeconds(120),
                        Map.of("url", "https://acme.example/demo")));
    }

    /** An activity received a quarter of a second after it happened. */
    private static Activity activity(String eventId, String leadId, String type, Instant at,
                                     Map<String, Object> properties) {
        return new Activity(eventId, type, leadId, at, properties, "acme-site", at.plusMillis(250));
    }

    /** The activity recorded in the table, as the stream delivers it: its item as the record's new image. */
    private DynamodbEvent.DynamodbStreamRecord recorded(Activity activity) {
        new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT).record(activity);
        Map<String, AttributeValue> key = Map.of(
                "pk", AttributeValue.fromS("LEAD#" + activity.leadId()),
                "sk", AttributeValue.fromS("ACT#" + activity.eventId()));
        var item = dynamoDb.client().getItem(request -> request.tableName(table).key(key).consistentRead(true)).item();
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord().withKeys(StreamRecords.lambdaImage(key))
                .withNewImage(StreamRecords.lambdaImage(item)).withSequenceNumber(String.valueOf(++sequence))
                .withStreamViewType(StreamViewType.NEW_IMAGE));
        return record;
    }

    private static DynamodbEvent batch(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent batch = new DynamodbEvent();
        batch.setRecords(new ArrayList<>(records));
        return batch;
    }

    /** Not the challenger's: neither a shadow item nor a counter of the challenge. */
    private static boolean live(Map<String, AttributeValue> item) {
        return !SHADOW_KINDS.contains(item.get("kind").s())
                && !item.get("pk").s().startsWith("COUNT#" + ShadowCounts.FAMILY);
    }

    private Map<String, Map<String, AttributeValue>> items(Predicate<Map<String, AttributeValue>> which) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamoDb.client().scanPaginator(request -> request.tableName(table).consistentRead(true)).items().stream()
                .filter(which).forEach(item -> items.put(item.get("pk").s() + " " + item.get("sk").s(), item));
        return items;
    }

    /**
     * The fields of a family's counters from the challenge's first day to the batch's, summed over its members and
     * shards.
     */
    private Map<String, Long> counts(String family) {
        Map<String, Long> total = new TreeMap<>();
        new CountStore(dynamoDb.client(), table).days(family, LocalDate.ofInstant(STARTED, ZoneOffset.UTC), DAY).forEach((item, fields) -> {
            if (family.equals(FunnelFacts.AUDIT) || item.member().equals(challenge.id())) {
                fields.forEach((field, n) -> total.merge(field, n, Long::sum));
            }
        });
        return total;
    }

    private LeadStore leads() {
        return new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
    }

    private ShadowStore shadowStore() {
        return new ShadowStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT, challenge,
                challenger.model());
    }

    private static DynamodbEvent sample() {
        return EventLoader.loadDynamoDbEvent(SAMPLE_BATCH);
    }
}
