package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.prediction.TrainingRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training runs on DynamoDB Local: handed out as a job's segment is, one at a time per model. */
class TrainingRunsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final String MODEL = "default";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private TrainingRuns runs;
    private Outbox outbox;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        runs = new TrainingRuns(dynamoDb.client(), table);
        outbox = new Outbox(dynamoDb.client(), table);
    }

    @Test
    void aQueuedRunIsStoredWithTheEventThatHandsItToTheTrainFunction() {
        TrainingRun run = runs.queue(MODEL, 3, TrainingRequest.defaults(), "arn:aws:iam::1:user/ana", T0);

        TrainingRun stored = runs.run(run.runId()).orElseThrow();
        assertEquals(run, stored);
        assertEquals(TrainingRun.QUEUED, stored.status());
        assertEquals(TrainingRequest.defaults(), stored.request());
        List<Outbox.Record> events = outbox.forJob(run.runId());
        assertEquals(List.of(new JobSegmentReady(run.runId(), JobSegmentReady.TRAINING, MODEL, 3, 0, 1, 1)),
                events.stream().map(Outbox.Record::event).toList());
    }

    @Test
    void oneRunAtATimePerModelUntilItEnds() {
        TrainingRun first = runs.queue(MODEL, 1, TrainingRequest.defaults(), "ana", T0);

        TrainingRuns.Busy busy = assertThrows(TrainingRuns.Busy.class,
                () -> runs.queue(MODEL, 1, TrainingRequest.defaults(), "bob", T0.plusSeconds(60)));
        assertEquals(first.runId(), busy.runId());

        TrainingRun running = runs.begin(first, T0.plusSeconds(5)).orElseThrow();
        assertThrows(TrainingRuns.Busy.class, () -> runs.queue(MODEL, 1, TrainingRequest.defaults(), "bob",
                T0.plusSeconds(70)));
        TrainingRun done = runs.finish(running, 12, "{\"auc\":0.8}", 4, T0.plusSeconds(90));

        assertEquals(new TrainingRun(first.runId(), MODEL, TrainingRequest.defaults(), 1, TrainingRun.DONE, T0, "ana",
                T0.plusSeconds(5), T0.plusSeconds(90), 12L, "{\"auc\":0.8}", 4, null), runs.run(first.runId())
                .orElseThrow());
        assertEquals(Optional.empty(), runs.holder(MODEL));
        TrainingRun next = runs.queue(MODEL, 1, TrainingRequest.defaults(), "bob", T0.plusSeconds(100));
        assertEquals(next.runId(), runs.holder(MODEL).orElseThrow().runId());
        assertEquals(done.runId(), first.runId());
    }

    @Test
    void aRunIsCarriedOutOnceEvenWhenItsEventComesTwice() {
        TrainingRun queued = runs.queue(MODEL, 1, TrainingRequest.defaults(), "ana", T0);

        assertTrue(runs.begin(queued, T0.plusSeconds(1)).isPresent());
        assertEquals(Optional.empty(), runs.begin(queued, T0.plusSeconds(2)));
    }

    /** A run that died without ending frees its model once its lease ends; it cannot start after that. */
    @Test
    void aLeaseThatEndedFreesTheModel() {
        TrainingRun lost = runs.queue(MODEL, 1, TrainingRequest.defaults(), "ana", T0);
        Instant later = T0.plus(TrainingRuns.QUEUED_LEASE).plusSeconds(1);

        TrainingRun next = runs.queue(MODEL, 1, TrainingRequest.defaults(), "bob", later);

        assertEquals(next.runId(), runs.holder(MODEL).orElseThrow().runId());
        assertEquals(Optional.empty(), runs.begin(lost, later.plusSeconds(1)));
        assertTrue(runs.begin(next, later.plusSeconds(1)).isPresent());
    }

    @Test
    void aFailedRunSaysWhyAndFreesTheModel() {
        TrainingRun running = runs.begin(runs.queue(MODEL, 1, TrainingRequest.defaults(), "ana", T0), T0)
                .orElseThrow();

        TrainingRun failed = runs.fail(running, "x".repeat(5_000), T0.plus(Duration.ofMinutes(3)));

        assertEquals(TrainingRun.FAILED, runs.run(running.runId()).orElseThrow().status());
        assertEquals(TrainingRuns.MAX_ERROR_CHARS, failed.error().length());
        assertNull(failed.reportJson());
        assertEquals(Optional.empty(), runs.holder(MODEL));
    }

    @Test
    void aReportTooLargeToKeepFailsTheRun() {
        TrainingRun running = runs.begin(runs.queue(MODEL, 1, TrainingRequest.defaults(), "ana", T0), T0)
                .orElseThrow();

        TrainingRun ended = runs.finish(running, 1, "\"" + "x".repeat(TrainingRuns.MAX_REPORT_CHARS) + "\"", null, T0);

        assertEquals(TrainingRun.FAILED, ended.status());
        assertEquals(TrainingRun.FAILED, runs.run(running.runId()).orElseThrow().status());
    }
}
