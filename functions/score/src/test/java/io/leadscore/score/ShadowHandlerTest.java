package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.activity.Retention;
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
import io.leadscore.lifecycle.Stage;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.report.FunnelFacts;
import io.leadscore.revision.ModelRevision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shadow function fed with the sample stream batch in events/score on DynamoDB Local, while revision 2 (sales-ready
 * at 60 instead of 100) challenges the published revision 1: it writes its own items only, and each activity once.
 */
class ShadowHandlerTest {
    private static final String SAMPLE_BATCH = "../../events/score/new-activities.json";
    private static final Instant STARTED = Instant.parse("2026-11-22T09:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    private static final Set<String> SHADOW_KINDS = Set.of(ShadowStore.SHADOW_LEAD, ShadowStore.SHADOW_LEDGER);

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ScoreHandler score;
    private ShadowHandler shadow;
    private Challenge challenge;
    private String table;

    @BeforeEach
    void challengedByRevisionTwo() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
        ModelStore models = new ModelStore(dynamoDb.client(), table);
        models.seed("default", ModelSeed.of(null), STARTED);
        models.draft("default", n -> ModelRevision.draft("default", n, ModelSeed.of(null).yaml().replace(
                "salesReady: { points: 100, rearmBelow: 90 }", "salesReady: { points: 60, rearmBelow: 50 }"),
                "arn:aws:iam::123456789012:user/marketing-ops", STARTED, "sales-ready at 60", null));
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

    /** The fields of a family's counters on the batch's day, summed over its members and shards. */
    private Map<String, Long> counts(String family) {
        Map<String, Long> total = new TreeMap<>();
        new CountStore(dynamoDb.client(), table).days(family, DAY, DAY).forEach((item, fields) -> {
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
        return new ShadowStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT, challenge);
    }

    private static DynamodbEvent sample() {
        return EventLoader.loadDynamoDbEvent(SAMPLE_BATCH);
    }
}
