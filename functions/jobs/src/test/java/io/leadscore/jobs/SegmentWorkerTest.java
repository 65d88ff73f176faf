package io.leadscore.jobs;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.Job;
import io.leadscore.aws.dynamodb.JobSegment;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.LeadScan;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.dynamodb.StoredJob;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.revision.ModelRevision;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A segment's worker on DynamoDB Local: it hands the segment on before its time runs out and the next invocation
 * continues from the cursor, an older handing-out is stale, a re-score waits for the old revision's batches to end,
 * and a newer publish stops it.
 */
class SegmentWorkerTest {
    private static final String AUTHOR = "arn:aws:iam::123456789012:user/marketing-ops";
    private static final long PLENTY = Duration.ofMinutes(10).toMillis();
    private static final List<String> LEADS = IntStream.range(0, 9).mapToObj(i -> "lead-" + i).toList();

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final Parallel parallel = new Parallel(4, "test-jobs");
    private String table;
    private JobStore jobs;
    private ModelStore models;
    private LeadStore leads;

    @BeforeEach
    void scoredLeadsAndASecondRevision() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
        jobs = new JobStore(dynamoDb.client(), table);
        models = new ModelStore(dynamoDb.client(), table);
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        Instant at = Instant.now().minus(Duration.ofHours(1));
        models.seed("default", ModelSeed.of(null), at);
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT);
        ScoringRun run = new ScoringRun(leads, models.revision("default", 1).orElseThrow().model(), Clock.systemUTC());
        for (String lead : LEADS) {
            Activity view = new Activity(lead + "-1", "page_view", lead, at, Map.of("url", "https://acme.example/pricing"),
                    "site", at);
            activities.record(view);
            run.apply(new ScoringRun.Group(Map.of(lead, List.of(view)), null));
        }
        models.draft("default", n -> ModelRevision.draft("default", n, ModelSeed.of(null).yaml()
                .replace("    points: 15\n", "    points: 40\n"), AUTHOR, at, null, 1));
    }

    @Test
    void aWorkerShortOfTimeHandsTheSegmentOnAndTheNextInvocationContinuesFromTheCursor() {
        Job job = published("job-1", Instant.now());
        SegmentWorker worker = worker(Duration.ZERO);

        SegmentWorker.Result first = worker.run(job.handOut(0, 1), timeLeft(PLENTY, 0));

        assertEquals(SegmentWorker.Outcome.HANDED_OVER, first.outcome());
        assertEquals(1, first.pages());
        JobSegment handedOver = jobs.segment("job-1", 0);
        assertEquals(2, handedOver.attempt());
        assertEquals(LEADS.size(), handedOver.total(), "the segment's leads, counted when it started");
        assertEquals(LEADS.size(), jobs.stored("job-1").orElseThrow().total(), "the job's total, its one segment's");
        assertTrue(new Outbox(dynamoDb.client(), table).forJob("job-1").stream()
                .anyMatch(record -> record.event().equals(job.handOut(0, 2))), "the next attempt is on its way");
        assertEquals(SegmentWorker.Outcome.STALE, worker.run(job.handOut(0, 1), timeLeft(PLENTY)).outcome(),
                "the first handing-out, delivered again, is stale");

        SegmentWorker.Result second = worker.run(job.handOut(0, 2), timeLeft(PLENTY));

        assertEquals(SegmentWorker.Outcome.DONE, second.outcome());
        assertEquals(LEADS.size(), first.changed() + second.changed(), "each lead re-scored once");
        // A lead of the first page that rose in the index past the cursor is met again by the next invocation.
        assertTrue(second.leads() >= LEADS.size() - first.leads(), second.toString());
        LEADS.forEach(lead -> assertEquals(1, modelChanges(lead), lead));
        assertEquals(StoredJob.DONE, jobs.stored("job-1").orElseThrow().status(Instant.now()));
        assertNull(models.pointer("default").orElseThrow().rescoring(), "the last segment done ends the re-score");
        assertEquals(SegmentWorker.Outcome.STALE, worker.run(job.handOut(0, 2), timeLeft(PLENTY)).outcome());
    }

    @Test
    void aReScoreWritesNothingUntilTheOldRevisionsBatchesHaveEnded() throws Exception {
        Job job = published("job-1", Instant.now());
        Map<String, Lead> before = leads.leads(LEADS);
        SegmentWorker worker = worker(Duration.ofSeconds(2));

        CompletableFuture<SegmentWorker.Result> running = CompletableFuture.supplyAsync(
                () -> worker.run(job.handOut(0, 1), timeLeft(PLENTY)));
        Thread.sleep(700);

        assertEquals(StoredJob.WAITING, jobs.stored("job-1").orElseThrow().status(Instant.now()));
        assertEquals(before, leads.leads(LEADS), "nothing written while waiting");
        assertEquals(SegmentWorker.Outcome.DONE, running.get().outcome());
        assertTrue(!Instant.now().isBefore(job.createdAt().plusSeconds(2)));
        assertEquals(LEADS.size(), running.get().changed());
    }

    @Test
    void aNewerPublishStopsTheReScoreAtItsNextPage() {
        Job job = published("job-1", Instant.now());
        models.publish("default", 1, AUTHOR, Instant.now());

        SegmentWorker.Result result = worker(Duration.ZERO).run(job.handOut(0, 1), timeLeft(PLENTY));

        assertEquals(SegmentWorker.Outcome.SUPERSEDED, result.outcome());
        assertEquals(0, result.leads());
        StoredJob stored = jobs.stored("job-1").orElseThrow();
        assertEquals(StoredJob.FAILED, stored.status(Instant.now()));
        assertEquals("segment 0: revision 1 was published since; its re-score takes over",
                stored.errors(Instant.now()).get(0).error());
    }

    /** Revision 2 published now with its re-score job of one segment, as the admin API does. */
    private Job published(String jobId, Instant at) {
        ModelPointer read = models.pointer("default").orElseThrow();
        Job job = new Job(jobId, JobSegmentReady.RESCORE, "default", 2, 1, false, null, null, 1, at, AUTHOR);
        jobs.start(job, at, models.publication(read, 2, AUTHOR, at, at.plus(Duration.ofDays(90)), jobId));
        return job;
    }

    /** Pages of three lead index entries. */
    private SegmentWorker worker(Duration settle) {
        return new SegmentWorker(jobs, new LeadScan(dynamoDb.client(), table), leads, models, Clock.systemUTC(),
                parallel, 3, settle);
    }

    /** The time left at each check, the last one from then on. */
    private static LongSupplier timeLeft(long... millis) {
        Deque<Long> left = new ArrayDeque<>();
        for (long m : millis) {
            left.add(m);
        }
        return () -> left.size() > 1 ? left.poll() : left.peek();
    }

    private long modelChanges(String leadId) {
        return leads.ledger(leadId).stream().filter(e -> LedgerEntry.MODEL_CHANGE.equals(e.reason())).count();
    }
}
