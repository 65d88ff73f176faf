package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.JobSegment;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.LeadTable;
import io.leadscore.lead.Contribution;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Qualification;
import io.leadscore.lead.RuleTally;
import io.leadscore.local.runtime.FaultInjector.Failure;
import io.leadscore.local.runtime.FaultInjector.Injection;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.leadscore.local.runtime.FaultInjector.after;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backtests and publishes as the admin API starts them, their jobs worked through by the jobs function on the bus's
 * threads as Lambda invokes it: a backtest changes nothing live; a publish re-scores every lead exactly once, while
 * ingestion goes on, when a worker is killed, and back again on a rollback; and one re-score of a model runs at a time.
 * Each ends in a comparison with a from-scratch replay of every lead's recorded history.
 */
class RescoreJobEndToEndTest {
    @Test
    void aBacktestLeavesEveryItemOfTheTableAsItWas() throws Exception {
        List<String> leads = leads("bt", 8);
        try (Scene scene = Scene.start(leads, 3, 5)) {
            Pipeline pipeline = scene.pipeline();
            ModelLifecycle models = scene.models();
            int candidate = models.draft(ModelLifecycle.pricingAt40());
            Map<String, Map<String, AttributeValue>> before = itemsOutsideJobs(pipeline);

            String jobId = models.backtest(candidate);
            JsonNode job = models.awaitJob(jobId);

            assertEquals(before, itemsOutsideJobs(pipeline), "every item outside the job's partition, byte for byte");
            assertEquals("done", job.get("status").asText(), job.toString());
            assertEquals(leads.size(), job.at("/leads/done").asInt());
            assertEquals(leads.size(), job.at("/leads/total").asInt(), "the leads the segments counted");
            assertEquals(0, job.at("/leads/changed").asInt(), "a backtest changes no lead");
            JsonNode report = job.get("report");
            assertEquals(leads.size(), report.get("leads").asInt(), report.toString());
            assertEquals(1, report.at("/baseline/revision").asInt());
            assertEquals(candidate, report.at("/candidate/revision").asInt());
            JsonNode pricing = rule(report, "pricing-page");
            assertEquals(pricing.at("/baseline/firings").asLong(), pricing.at("/candidate/firings").asLong());
            assertEquals(pricing.at("/baseline/points").asLong() * 40 / 15, pricing.at("/candidate/points").asLong());
            APIGatewayV2HTTPResponse csv = models.job(jobId, Map.of("format", "csv"));
            assertEquals(200, csv.getStatusCode(), csv.getBody());
            assertEquals("text/csv; charset=utf-8", csv.getHeaders().get("content-type"));
            assertTrue(csv.getBody().contains("pricing-page"), csv.getBody());
            System.out.println("[backtest] " + before.size() + " items unchanged; report " + report);
        }
    }

    @Test
    void aPublishDuringIngestionEndsAsAReplayOfEveryLeadUnderTheNewRevision() throws Exception {
        List<String> leads = leads("live", 24);
        try (Scene scene = Scene.start(leads, 4, 2)) {
            Pipeline pipeline = scene.pipeline();
            ModelLifecycle models = scene.models();
            recordVisitorWhoIdentifies(pipeline, "vic", "v-vic");
            pipeline.settle();
            int revision = models.draft(ModelLifecycle.pricingAt40());

            String jobId = models.published(revision);
            // Ingestion goes on while the workers re-score: the score function reads the pointer each batch, so these
            // are scored under the new revision, on leads re-scored already or not yet.
            int round = 0;
            int whileReScoring = 0;
            String status;
            do {
                String lead = round % 5 == 4 ? "newcomer-" + round : leads.get(round % leads.size());
                pipeline.record(Events.event(lead, lead + "-live-" + round, "page_view", Events.daysAgo(0),
                        "\"url\": \"https://acme.example/pricing/" + round + "\""));
                pipeline.scoreAndPublish();
                status = models.job(jobId).get("status").asText();
                whileReScoring += status.equals("running") ? 1 : 0;
                round++;
            } while (!status.equals("done") && !status.equals("failed") || round < 30);
            JsonNode job = models.awaitJob(jobId);
            pipeline.settle();

            assertEquals("done", job.get("status").asText(), job.toString());
            assertEquals(0, job.at("/leads/errors").asInt(), job.toString());
            assertTrue(whileReScoring > 0, "events were scored while the workers re-scored");
            Map<String, String> differing = differingFromReplay(pipeline, models.revision(revision));
            assertEquals(Map.of(), differing, "leads that differ from a replay under revision " + revision);
            System.out.println("[rescore] " + round + " events scored during the job (" + whileReScoring
                    + " while its workers wrote); job " + job);
        }
    }

    @Test
    void aWorkerKilledMidSegmentResumesFromItsCursorAndAppliesNothingTwice() throws Exception {
        List<String> leads = leads("kill", 10);
        try (Scene scene = Scene.start(leads, 1, 4)) {
            Pipeline pipeline = scene.pipeline();
            ModelLifecycle models = scene.models();
            int revision = models.draft(ModelLifecycle.pricingAt40());
            AtomicInteger invocations = new AtomicInteger();
            AtomicReference<JobSegment> atDeath = new AtomicReference<>();
            pipeline.jobsThrough(jobs -> event -> {
                if (invocations.getAndIncrement() > 0) {
                    jobs.accept(event);
                    return;
                }
                // The process dies once four leads' transactions are committed, mid-page: the page's other leads never
                // reach the table, and its cursor is not written. Lambda invokes the function again with the event.
                try (Injection death = FaultInjector.inject(Failure.KILLED, after(4), "TransactWriteItems")) {
                    jobs.accept(event);
                } catch (RuntimeException killed) {
                    atDeath.set(new JobStore(pipeline.dynamoDb().client(), pipeline.tableName())
                            .segment(event.getDetail().get("jobId").toString(), 0));
                }
                throw new IllegalStateException("the jobs function was killed mid-segment");
            });

            String jobId = models.published(revision);
            JsonNode job = models.awaitJob(jobId);

            assertEquals(2, invocations.get(), "invoked again with the same event");
            assertTrue(atDeath.get().leads() > 0 && !atDeath.get().done(), "killed after a page: " + atDeath.get());
            assertEquals("done", job.get("status").asText(), job.toString());
            assertEquals(0, job.at("/leads/errors").asInt(), job.toString());
            // The page in flight is gone through again, and leads re-scored before the death whose higher score moved
            // them ahead in the index are met again: all found unchanged, none written twice.
            assertTrue(job.at("/leads/changed").asInt() <= leads.size(), job.toString());
            assertTrue(job.at("/leads/done").asInt() >= leads.size(), job.toString());
            LeadStore store = pipeline.leads();
            for (String lead : leads) {
                assertEquals(1, store.ledger(lead).stream().filter(e -> LedgerEntry.MODEL_CHANGE.equals(e.reason()))
                        .count(), lead + ": one model-change entry");
            }
            assertEquals(Map.of(), differingFromReplay(pipeline, models.revision(revision)));
        }
    }

    @Test
    void publishingTheOldRevisionAgainRestoresTheOldScores() throws Exception {
        List<String> leads = leads("back", 6);
        try (Scene scene = Scene.start(leads, 2, 5)) {
            Pipeline pipeline = scene.pipeline();
            ModelLifecycle models = scene.models();
            Map<String, Lead> underFirst = stored(pipeline, leads);
            int second = models.draft(ModelLifecycle.pricingAt40());

            assertEquals("done", models.awaitJob(models.published(second)).get("status").asText());
            Map<String, Lead> underSecond = stored(pipeline, leads);
            assertEquals("done", models.awaitJob(models.published(1)).get("status").asText());

            Map<String, Lead> rolledBack = stored(pipeline, leads);
            for (String lead : leads) {
                assertEquals(underFirst.get(lead).score() + 75, underSecond.get(lead).score(), lead);
                assertEquals(decided(underFirst.get(lead)), decided(rolledBack.get(lead)), lead + " as under revision 1");
                assertEquals(underFirst.get(lead).model(), rolledBack.get(lead).model());
                // Revision 2 took it over the hot line, the rollback re-armed it: a later crossing is its second cycle.
                Qualification hot = rolledBack.get(lead).qualifications().get("hot");
                assertEquals(List.of(false, 1), List.of(hot.qualified(), hot.cycles()), lead + ": " + hot);
            }
            assertEquals(2, pipeline.leads().ledger(leads.get(0)).stream()
                    .filter(e -> LedgerEntry.MODEL_CHANGE.equals(e.reason())).count(), "there and back");
        }
    }

    @Test
    void aPublishReplaysTheCrmVerdictsAmongTheActivitiesUnderTheNewRevisionsFeedbackRules() throws Exception {
        List<String> leads = leads("crm", 3);
        try (Scene scene = Scene.start(leads, 2, 5)) {
            Pipeline pipeline = scene.pipeline();
            ModelLifecycle models = scene.models();
            Instant verdictsAt = Events.daysAgo(1);
            assertEquals(200, verdict(pipeline, leads.get(0), "recycled", verdictsAt).getStatusCode());
            assertEquals(200, verdict(pipeline, leads.get(1), "lost", verdictsAt).getStatusCode());
            pipeline.record(Events.event(leads.get(0), leads.get(0) + "-after", "page_view", Events.daysAgo(0),
                    "\"url\": \"https://acme.example/pricing\""));
            pipeline.settle();
            Map<String, Lead> before = stored(pipeline, leads);
            int second = models.draft(ModelLifecycle.pricingAt40().replace("  lost: -30\n", "  lost: -50\n"));

            assertEquals("done", models.awaitJob(models.published(second)).get("status").asText());

            Map<String, Lead> after = stored(pipeline, leads);
            assertEquals(Map.of(), differingFromReplay(pipeline, models.revision(second)));
            RuleTally pricing = after.get(leads.get(0)).breakdown().get("pricing-page");
            assertEquals(List.of(40, 1), List.of(pricing.points(), pricing.hits()), "only the view after the recycle");
            assertEquals(before.get(leads.get(1)).score() + 75 - 20, after.get(leads.get(1)).score());
            assertEquals(List.of(-20), pipeline.leads().ledger(leads.get(1)).stream()
                    .filter(e -> LedgerEntry.MODEL_CHANGE.equals(e.reason()))
                    .flatMap(e -> e.contributions().stream()).filter(c -> c.rule().equals("feedback:lost"))
                    .map(Contribution::points).toList());
            for (String lead : leads) {
                assertEquals(before.get(lead).stageHistory(), after.get(lead).stageHistory(), lead);
            }
        }
    }

    private static APIGatewayV2HTTPResponse verdict(Pipeline pipeline, String leadId, String type, Instant at) {
        return pipeline.admin("POST /v1/leads/{leadId}/feedback", Map.of("leadId", leadId), Map.of(),
                "{\"type\": \"" + type + "\", \"rep\": \"sam\", \"at\": \"" + at + "\", \"feedbackId\": \"crm-"
                        + leadId + "\"}");
    }

    @Test
    void aPublishIsRefusedWhileAReScoreRunsAndTakesOverOneThatLostItsWorkers() throws Exception {
        List<String> leads = leads("one", 4);
        try (Scene scene = Scene.start(leads, 2, 5)) {
            Pipeline pipeline = scene.pipeline();
            ModelLifecycle models = scene.models();
            int second = models.draft(ModelLifecycle.pricingAt40());

            String first = models.published(second);
            assertEquals("rescore_running", ModelLifecycle.error(409, models.publish(1, false)));
            assertEquals("done", models.awaitJob(first).get("status").asText());
            String rollback = models.published(1);
            assertEquals("done", models.awaitJob(rollback).get("status").asText(), "once done, the next publish runs");

            // A re-score whose segments never reached a worker (their events dead-lettered) is failed once quiet for
            // 20 minutes: a publish takes over, and the old job's late workers stop at their first page.
            String lost = stalledReScore(pipeline, second);
            assertEquals("failed", models.job(lost).get("status").asText());
            String takeover = models.published(1);
            JsonNode done = models.awaitJob(takeover);
            JsonNode superseded = models.job(lost);

            assertEquals("done", done.get("status").asText(), done.toString());
            assertEquals("failed", superseded.get("status").asText());
            assertTrue(superseded.at("/errors/0/error").asText().contains("was published since"), superseded.toString());
            assertEquals(0, superseded.at("/leads/done").asInt(), "the old job re-scored nothing");
            assertEquals(Map.of(), differingFromReplay(pipeline, models.revision(1)));
        }
    }

    /**
     * A pipeline whose leads each recorded a sales-ready journey two days ago, scored under revision 1; its jobs split
     * into {@code segments} segments of pages of {@code pageSize} index entries, and its re-scores waiting a second.
     */
    private record Scene(FlakyWebhook salesTeam, Pipeline pipeline, ModelLifecycle models) implements AutoCloseable {
        static Scene start(List<String> leads, int segments, int pageSize) throws Exception {
            FlakyWebhook salesTeam = FlakyWebhook.up();
            Pipeline pipeline = Pipeline.start(salesTeam, ModelLifecycle.overrides(segments, pageSize));
            pipeline.recordJourneys(leads, 2);
            pipeline.settle();
            return new Scene(salesTeam, pipeline, new ModelLifecycle(pipeline));
        }

        @Override
        public void close() throws Exception {
            try (salesTeam) {
                pipeline.close();
            }
        }
    }

    /**
     * A re-score of the revision published 21 minutes ago whose segments' events are still in the outbox: started
     * by an admin function whose clock runs that much behind.
     */
    private static String stalledReScore(Pipeline pipeline, int revision) {
        return new ModelLifecycle(pipeline, pipeline.adminAt(Instant.now().minus(Duration.ofMinutes(21))))
                .published(revision);
    }

    /** An anonymous visitor reads pricing twice, then identifies as {@code leadId}: merged into the lead. */
    private static void recordVisitorWhoIdentifies(Pipeline pipeline, String leadId, String visitor) {
        Instant start = Events.daysAgo(2);
        for (int i = 1; i <= 2; i++) {
            pipeline.record("{\"eventId\": \"" + visitor + "-" + i + "\", \"type\": \"page_view\", \"anonymousId\": \""
                    + visitor + "\", \"timestamp\": \"" + start.plusSeconds(60L * i) + "\", \"properties\": {\"url\":"
                    + " \"https://acme.example/pricing/" + i + "\"}}");
        }
        pipeline.settle();
        pipeline.record(Events.event(leadId, leadId + "-identify", "identify", start.plusSeconds(600),
                "\"email\": \"" + leadId + "@" + leadId + "-corp.example\", \"anonymousId\": \"" + visitor + "\""));
    }

    /**
     * Each stored lead against its recorded history (its own activities and those of the visitors merged into it, and
     * its verdicts) replayed from scratch under {@code model}: what differs, by lead. Compared: everything history
     * decides, which is all but the write count, the model's name (an unchanged lead is not rewritten), the merge links,
     * and the qualification cycles (a re-score continues the stored cycles), of which whether each is qualified is
     * compared.
     */
    private static Map<String, String> differingFromReplay(Pipeline pipeline, ScoringModel model) {
        Replay replay = pipeline.replay();
        LeadStore store = pipeline.leads();
        Rescorer rescorer = new Rescorer(model);
        Instant now = Instant.now();
        Map<String, String> differing = new TreeMap<>();
        for (String leadId : replay.leadIds()) {
            Lead lead = store.lead(leadId).orElseThrow();
            if (lead.mergedInto() != null) {
                continue;
            }
            List<Activity> history = new ArrayList<>(replay.activities(leadId));
            lead.mergedVisitors().forEach(visitor -> history.addAll(replay.activities(visitor)));
            Map<String, Object> expected = decided(rescorer.replay(leadId, history, lead.verdicts(), now));
            Map<String, Object> actual = decided(lead);
            if (!expected.equals(actual)) {
                differing.put(leadId, "stored " + actual + "\n   replayed " + expected);
            }
        }
        return differing;
    }

    private static Map<String, Object> decided(Lead lead) {
        Map<String, Object> decided = new TreeMap<>();
        decided.put("score", lead.score());
        decided.put("breakdown", lead.breakdown());
        decided.put("capHits", lead.capHits());
        decided.put("profile", lead.profile());
        decided.put("accountId", String.valueOf(lead.accountId()));
        decided.put("seen", lead.firstSeenAt() + " .. " + lead.lastActivityAt());
        decided.put("lastScoreIncreaseAt", String.valueOf(lead.lastScoreIncreaseAt()));
        decided.put("decay", lead.decayedAt() + " next " + lead.nextDueAt() + " cold " + lead.coldSince());
        decided.put("appliedActivities", lead.appliedActivities());
        decided.put("qualified", lead.qualifications().entrySet().stream().filter(e -> e.getValue().qualified())
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new)));
        return decided;
    }

    private static Map<String, Lead> stored(Pipeline pipeline, List<String> leads) {
        LeadStore store = pipeline.leads();
        Map<String, Lead> stored = new HashMap<>();
        leads.forEach(lead -> stored.put(lead, store.lead(lead).orElseThrow()));
        return stored;
    }

    /** Every item of the table but those of jobs' partitions, by key. */
    private static Map<String, Map<String, AttributeValue>> itemsOutsideJobs(Pipeline pipeline) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        pipeline.dynamoDb().client().scanPaginator(request -> request.tableName(pipeline.tableName()).consistentRead(true))
                .items().forEach(item -> {
                    String pk = item.get(LeadTable.PK).s();
                    if (!pk.startsWith("JOB#")) {
                        items.put(pk + " " + item.get(LeadTable.SK).s(), item);
                    }
                });
        return items;
    }

    private static JsonNode rule(JsonNode report, String rule) {
        for (JsonNode figures : report.get("rules")) {
            if (figures.get("rule").asText().equals(rule)) {
                return figures;
            }
        }
        throw new AssertionError("no rule " + rule + " in " + report);
    }

    private static List<String> leads(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    }
}
