package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.runtime.FaultInjector.Failure;
import io.leadscore.local.runtime.FaultInjector.Injection;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.leadscore.local.runtime.FaultInjector.after;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scoring stays exactly-once when the score function dies mid-batch, when a client posts the same event ten times at
 * once, and when events arrive out of order; each test holds the stored leads against a from-scratch replay.
 */
class ScoringFaultsTest {

    @Test
    void aScoreFunctionKilledMidBatchAppliesTheRestOnceWhenTheBatchIsRedelivered() throws Exception {
        List<String> leads = List.of("gus", "hal", "ivy", "jo");
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            pipeline.recordJourneys(leads, 2); // all recorded before scoring: the first batch holds every lead
            AtomicInteger invocations = new AtomicInteger();
            AtomicInteger killedTransactions = new AtomicInteger();
            pipeline.scoreThrough(score -> batch -> {
                if (invocations.getAndIncrement() > 0) {
                    return score.apply(batch);
                }
                // The process dies once two of the batch's lead transactions are committed: the others never
                // reach the table, and Lambda gets no answer, so it delivers the whole batch again.
                try (Injection death = FaultInjector.inject(Failure.KILLED, after(2), "TransactWriteItems")) {
                    score.apply(batch);
                    killedTransactions.set(death.injected());
                }
                throw new IllegalStateException("the score function was killed mid-batch");
            });
            pipeline.settle();

            assertEquals(leads.size() - 2, killedTransactions.get(), "two leads applied before the death, the rest not");
            assertEquals(2, invocations.get(), "the batch was delivered again");
            pipeline.replay().reconcile(pipeline.leads()).assertExact("score function killed mid-batch");
            assertEquals(Pipeline.salesReadyOnceEach(leads), salesTeam.acceptedByIdempotencyKey());
        }
    }

    /**
     * The score function fails on every attempt at a batch (the first lead's journey is scored already): the stream
     * gives up on it after the template's retries and sends its failure record, positions and arrival times only, to
     * ScoreFailureQueue; the redrive function reads it there and re-scores the batch's activities from the table.
     */
    @Test
    void aBatchThatFailedForGoodIsRedrivenFromTheTableAndEndsAsTheReplay() throws Exception {
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            List<String> failureRecords = new ArrayList<>();
            pipeline.redriveThrough(redrive -> messages -> {
                messages.getRecords().forEach(message -> failureRecords.add(message.getBody()));
                return redrive.apply(messages);
            });
            pipeline.recordJourneys(List.of("amy"), 3);
            pipeline.settle();
            AtomicInteger failedAttempts = new AtomicInteger();
            pipeline.scoreThrough(score -> batch -> {
                if (batch.getRecords().stream().anyMatch(record -> "bo".equals(
                        record.getDynamodb().getNewImage().get("leadId").getS()))) {
                    failedAttempts.incrementAndGet();
                    throw new IllegalStateException("the score function fails on bo's batch, every time");
                }
                return score.apply(batch);
            });
            // One batch: both leads' activities, recorded before it, one request each (the events of one request are
            // written at once, so the stream orders them as they land, which the table does not record).
            List<String> bo = Events.salesReadyJourney("bo", Events.daysAgo(2));
            List<String> cy = Events.salesReadyJourney("cy", Events.daysAgo(2));
            for (int i = 0; i < bo.size(); i++) {
                pipeline.record(Events.batch(List.of(bo.get(i))));
                pipeline.record(Events.batch(List.of(cy.get(i))));
            }
            pipeline.settle();

            int batchActivities = bo.size() + cy.size();
            assertEquals(1 + pipeline.template().function("ScoreFunction").streamSources().get(0).maximumRetryAttempts(),
                    failedAttempts.get(), "tried, retried as often as the template says, then skipped");
            assertEquals(1, failureRecords.size(), "one failure record for the skipped batch");
            var info = Json.mapper().readTree(failureRecords.get(0)).path("DDBStreamBatchInfo");
            assertEquals(batchActivities, info.path("batchSize").asInt());
            assertEquals(List.of(), pipeline.failureQueue().bodies(), "the redrive took the record off the queue");
            pipeline.replay().reconcile(pipeline.leads()).assertExact("a batch failed for good, then redriven");
            assertEquals(Pipeline.salesReadyOnceEach(List.of("amy", "bo", "cy")), salesTeam.acceptedByIdempotencyKey());
        }
    }

    @Test
    void theSameEventPostedTenTimesAtOnceIsRecordedAndCountedOnce() throws Exception {
        Instant at = Events.daysAgo(1);
        String withId = Events.event("kay", "kay-pricing", "page_view", at, "\"url\": \"https://acme.example/pricing\"");
        String withoutId = Events.event("lou", null, "page_view", at, "\"url\": \"https://acme.example/pricing\"");
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            assertEquals(Map.of("accepted", 1L, "duplicate", 9L), postConcurrently(pipeline, withId, 10));
            assertEquals(Map.of("accepted", 1L, "duplicate", 9L), postConcurrently(pipeline, withoutId, 10));
            pipeline.settle();

            Replay replay = pipeline.replay();
            assertEquals(1, replay.activities("kay").size(), "one activity stored for the event with an id");
            assertEquals(1, replay.activities("lou").size(), "one activity stored for the event without one");
            replay.reconcile(pipeline.leads()).assertExact("the same event posted 10 times concurrently");
            assertEquals(15, pipeline.leads().lead("kay").orElseThrow().score(), "the pricing page, counted once");
            assertEquals(15, pipeline.leads().lead("lou").orElseThrow().score(), "the pricing page, counted once");
        }
    }

    @Test
    void eventsArrivingOutOfOrderAreLedgeredByTimeAndDecayAsTheReplaySays() throws Exception {
        Instant start = Events.daysAgo(10);
        Instant latest = start.plus(Duration.ofHours(3));
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            pipeline.record(Events.batch(List.of(Events.event("max", "max-late", "page_view", latest,
                    "\"url\": \"https://acme.example/pricing\""))));
            pipeline.settle();
            pipeline.record(Events.batch(List.of( // older than what was already scored
                    Events.event("max", "max-early", "form_submit", start.plus(Duration.ofHours(1)),
                            "\"formId\": \"whitepaper-roi\""),
                    Events.event("max", "max-earliest", "page_view", start,
                            "\"url\": \"https://acme.example/demo\""))));
            pipeline.settle();
            pipeline.record(Events.batch(List.of(Events.event("max", "max-middle", "email_click",
                    start.plus(Duration.ofHours(2)), "\"campaign\": \"launch\""))));
            pipeline.settle();

            Replay replay = pipeline.replay();
            assertEquals(List.of("max-late", "max-early", "max-earliest", "max-middle").stream().sorted().toList(),
                    replay.activities("max").stream().map(Activity::eventId).sorted().toList());
            List<LedgerEntry> ledger = new ArrayList<>(pipeline.leads().recentLedger("max", 100));
            Collections.reverse(ledger); // oldest first
            assertEquals(List.of("max-earliest", "max-early", "max-middle", "max-late"),
                    ledger.stream().map(LedgerEntry::eventId).toList(), "the ledger is in the order things happened");
            Lead stored = pipeline.leads().lead("max").orElseThrow();
            assertEquals(latest, stored.lastActivityAt(), "an older event does not move the last activity back");
            assertEquals(start, stored.firstSeenAt());
            replay.reconcile(pipeline.leads()).assertExact("events out of order");

            Instant sweep = Instant.now().plus(Duration.ofDays(50)); // 60 days after: decayed, and cold
            pipeline.sweepAt(sweep);
            replay.reconcile(pipeline.leads(), lead -> replay.scorer().decay().sweep(lead, sweep).lead())
                    .assertExact("events out of order, then a decay sweep 50 days on");
            assertTrue(pipeline.leads().lead("max").orElseThrow().isCold(), "the sweep took the lead cold");
        }
    }

    /**
     * A visitor reads the pricing and demo pages and identifies herself (the merge); a view she sent before the
     * browser knew her arrives late and is the lead's; then the stream delivers the visitor's first batch again: its
     * views came with the merge and count nothing twice.
     */
    @Test
    void aMergedVisitorsRedeliveredBatchCountsNothingTwice() throws Exception {
        Instant at = Events.daysAgo(1);
        String visitor = "{\"type\": \"page_view\", \"anonymousId\": \"v-nia\", \"eventId\": \"%s\", \"timestamp\": \"%s\","
                + " \"properties\": {\"url\": \"https://acme.example/%s\"}}";
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            List<DynamodbEvent> delivered = new ArrayList<>();
            AtomicReference<Function<DynamodbEvent, StreamsEventResponse>> score = new AtomicReference<>();
            pipeline.scoreThrough(function -> batch -> {
                score.set(function);
                delivered.add(batch);
                return function.apply(batch);
            });
            pipeline.record(Events.batch(List.of(visitor.formatted("nia-1", at, "pricing"),
                    visitor.formatted("nia-2", at.plusSeconds(60), "demo"))));
            pipeline.settle();
            pipeline.record(Events.batch(List.of("{\"type\": \"identify\", \"leadId\": \"nia@acme.example\","
                    + " \"anonymousId\": \"v-nia\", \"eventId\": \"nia-3\", \"timestamp\": \"" + at.plusSeconds(120)
                    + "\", \"properties\": {\"email\": \"nia@acme.example\"}}")));
            pipeline.settle();
            pipeline.record(Events.batch(List.of(visitor.formatted("nia-4", at.plusSeconds(90), "pricing/teams"))));
            pipeline.settle();

            score.get().apply(delivered.get(0)); // Lambda delivers the visitor's first batch again

            assertEquals("nia@acme.example", pipeline.leads().lead("anon:v-nia").orElseThrow().mergedInto());
            pipeline.replay().reconcile(pipeline.leads()).assertExact("a merged visitor's batch delivered again");
        }
    }

    /** Posts the body from {@code threads} threads released at once; counts the statuses of its (single) event. */
    private static Map<String, Long> postConcurrently(Pipeline pipeline, String event, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<APIGatewayV2HTTPResponse>> responses = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                responses.add(pool.submit(() -> {
                    go.await();
                    return pipeline.record(event);
                }));
            }
            go.countDown();
            List<String> statuses = new ArrayList<>();
            for (Future<APIGatewayV2HTTPResponse> response : responses) {
                statuses.add(Json.mapper().readTree(response.get().getBody()).at("/results/0/status").asText());
            }
            return statuses.stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }
}
