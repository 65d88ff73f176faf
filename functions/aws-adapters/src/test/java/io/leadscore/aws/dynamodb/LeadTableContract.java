package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the stores promise, run against a real DynamoDB engine: DynamoDB Local here, LocalStack wherever a
 * Docker engine is present. Subclasses say which engine and table.
 */
abstract class LeadTableContract {
    /** One uncapped rule, so that long runs of activities keep adding up. */
    private static final LeadScorer PING_SCORER = new LeadScorer(ModelLoader.parse("""
            model: ping
            version: 1
            eventTypes: { ping: {} }
            thresholds: { salesReady: 3 }
            rules:
              - { id: ping, event: ping, points: 1 }
            """, "ping"));
    private static final LeadScorer DEFAULT_SCORER = new LeadScorer(ModelLoader.defaultModel());
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private LeadStore leads;
    private ActivityStore activities;
    private WriteKeyStore writeKeys;
    private Outbox outbox;

    abstract DynamoDbClient client();

    abstract String table();

    abstract void emptyTable();

    @BeforeEach
    void stores() {
        emptyTable();
        leads = new LeadStore(client(), table(), Clock.systemUTC(), Retention.DEFAULT);
        activities = new ActivityStore(client(), table(), Retention.DEFAULT);
        writeKeys = new WriteKeyStore(client(), table(), Clock.systemUTC());
        outbox = new Outbox(client(), table());
    }

    @Test
    void anActivityIsRecordedOnce() {
        Activity visit = activity("lead-1", "e-1", "page_view", 0, Map.of("url", "https://x.example/pricing"));
        assertEquals(ActivityStore.Outcome.ACCEPTED, activities.record(visit));
        assertEquals(ActivityStore.Outcome.DUPLICATE, activities.record(visit));
    }

    @Test
    void appliesActivitiesInOrderWithALedgerEntryEach() {
        ScoringRun.Applied applied = score(leads, "lead-1", List.of(
                activity("lead-1", "e-1", "page_view", 0, Map.of("url", "https://x.example/pricing")),
                activity("lead-1", "e-2", "form_submit", 1, Map.of("formId", "demo-request")),
                activity("lead-1", "e-3", "unsubscribe", 2, Map.of())), DEFAULT_SCORER);

        assertEquals(3, applied.applied());
        Lead lead = leads.lead("lead-1").orElseThrow();
        assertEquals(15 + 20 - 25, lead.score());
        assertEquals(1, lead.revision());
        var ledger = leads.recentLedger("lead-1", 10);
        assertEquals(List.of("e-3", "e-2", "e-1"), ledger.stream().map(e -> e.eventId()).toList());
        assertEquals(List.of(10, 35, 15), ledger.stream().map(e -> e.scoreAfter()).toList());
    }

    @Test
    void applyingTheSameActivitiesAgainChangesNothing() {
        List<Activity> pings = pings("lead-1", 0, 5);
        score(leads, "lead-1", pings, PING_SCORER);
        Lead once = leads.lead("lead-1").orElseThrow();

        ScoringRun.Applied again = score(leads, "lead-1", pings, PING_SCORER);

        assertEquals(0, again.applied());
        assertEquals(5, again.alreadyApplied());
        assertEquals(once, leads.lead("lead-1").orElseThrow());
    }

    @Test
    void moreActivitiesThanOneTransactionHoldsAreAllApplied() {
        score(leads, "lead-1", pings("lead-1", 0, 250), PING_SCORER);

        Lead lead = leads.lead("lead-1").orElseThrow();
        assertEquals(250, lead.score());
        assertEquals(3, lead.revision(), "250 activities in chunks of 99");
    }

    @Test
    void concurrentWritersOfOneLeadNeitherLoseNorDoubleCount() throws Exception {
        // Four writers race over overlapping activities, as a redelivered batch racing its original would.
        List<Activity> all = pings("lead-1", 0, 40);
        CyclicBarrier start = new CyclicBarrier(4);
        List<CompletableFuture<ScoringRun.Applied>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            List<Activity> mine = all.subList(w * 5, w * 5 + 20);
            writers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return score(leads, "lead-1", mine, PING_SCORER);
            }));
        }
        int applied = 0;
        for (var writer : writers) {
            applied += writer.get().applied();
        }

        assertEquals(35, applied, "activities 0..34 were offered, each is applied by exactly one writer");
        assertEquals(35, leads.lead("lead-1").orElseThrow().score());
        assertEquals(35, leads.recentLedger("lead-1", 100).size());
    }

    @Test
    void aCrossingIsStoredWithTheScoreThatCausedItAndOnlyOnce() {
        List<Activity> pings = pings("lead-1", 0, 5);
        score(leads, "lead-1", pings.subList(0, 4), PING_SCORER);
        score(leads, "lead-1", pings, PING_SCORER); // redelivered, with one more

        List<Outbox.Record> records = outbox.forLead("lead-1");
        assertEquals(1, records.size());
        Outbox.Record qualified = records.get(0);
        assertEquals("lead-1/salesReady/1", qualified.qualificationId());
        assertEquals("LeadQualified", qualified.detailType());
        assertEquals("ping-2", qualified.detail().get("eventId"));
        assertEquals(new java.math.BigDecimal(3), qualified.detail().get("score"));
        assertEquals(null, qualified.publishedAt());

        outbox.markPublished(qualified, T0);
        assertEquals(T0, outbox.forLead("lead-1").get(0).publishedAt());
    }

    @Test
    void writeKeysAuthenticateTheirSiteOnly() {
        writeKeys.register("acme-site", "wk_live_123");
        assertEquals("acme-site", writeKeys.authenticate("wk_live_123").orElseThrow().siteId());
        assertTrue(writeKeys.authenticate("wk_live_124").isEmpty());
        assertTrue(writeKeys.authenticate("").isEmpty());
    }

    private static List<Activity> pings(String leadId, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> activity(leadId, "ping-" + i, "ping", i, Map.of())).toList();
    }

    private static Activity activity(String leadId, String eventId, String type, int minute,
                                     Map<String, Object> properties) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity(eventId, type, leadId, at, properties, "site", at);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
