package io.leadscore.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadscore.cli.FakeAdminApi.json;
import static io.leadscore.cli.FakeAdminApi.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** backtest, publish and jobs show: a job started, followed until it ends, and its outcome printed. */
class JobCommandsTest extends AgainstFakeApi {
    private static final String REVISION_3 = "/v1/models/default/revisions/3";

    @Test
    void backtestStartsTheJobFollowsItAndPrintsTheReport() {
        api.on("POST", REVISION_3 + "/backtest", json(202, "backtest-started.json"));
        api.on("GET", "/v1/jobs/job-bt-1", json(200, "backtest-running.json"), json(200, "backtest-running.json"),
                json(200, "backtest-done.json"));

        Cli.Run run = run("models", "backtest", "default", "3", "--from", "2026-09-01", "--to",
                "2026-12-01T00:00:00Z");

        assertEquals(0, run.exit(), run.err());
        assertEquals("from=2026-09-01T00%3A00%3A00Z&to=2026-12-01T00%3A00%3A00Z", api.received().get(0).rawQuery());
        assertEquals(4, api.received().size(), "polled until done");
        assertTrue(run.err().startsWith("backtest job job-bt-1 started"), run.err());
        assertEquals("""
                backtest job-bt-1: 3/8 segments · running · 450 leads, 0 changed, 0 errors
                backtest job-bt-1: 8/8 segments · done · 1200 leads, 0 changed, 0 errors
                """, run.progress(), "one line per change where the output is not a terminal");
        assertEquals("""
                job       type      model    revision  status  segments  leads  changed  unchanged  errors
                job-bt-1  backtest  default         3  done    8/8        1200        0       1200       0

                Backtest of r3 against the published r2
                leads  from                  to                    baseline  candidate
                 1200  2026-09-01T00:00:00Z  2026-12-01T00:00:00Z  r2        r3

                Score distribution
                score      r2   r3
                0 to 9    400  380
                10 to 19  300  310

                Leads at or above each threshold
                threshold   group  r2 points   r2  r3 points  r3
                salesReady               100  120        110  97

                Crossings per week
                week      r2  r3
                2026-W40  12   9

                Rules
                rule          r2 firings  r2 points  r3 firings  r3 points
                pricing-page         300       4500         300       3000

                Leads whose qualification changes: 31 (1 listed)
                lead     threshold   r2   r3  score r2  score r3  rules (r2 -> r3)
                lead-42  salesReady  yes  no       105        95  pricing-page 45 -> 30
                """, run.out());
    }

    @Test
    void backtestAsCsvPrintsEverySectionAsItsOwnTable() {
        api.on("POST", REVISION_3 + "/backtest", json(202, "backtest-started.json"));
        api.on("GET", "/v1/jobs/job-bt-1", json(200, "backtest-done.json"));

        Cli.Run run = run("models", "backtest", "default", "3", "--format", "csv");

        assertEquals(0, run.exit(), run.err());
        assertEquals(null, api.received().get(0).rawQuery(), "no window: all recorded history");
        assertTrue(run.out().contains("\r\nScore distribution\r\nscore,r2,r3\r\n0 to 9,400,380\r\n10 to 19,300,310\r\n"),
                run.out());
        assertTrue(run.out().contains("lead-42,salesReady,yes,no,105,95,pricing-page 45 -> 30\r\n"), run.out());
    }

    @Test
    void backtestAsJsonPrintsTheFinishedJobAsTheApiAnswered() {
        api.on("POST", REVISION_3 + "/backtest", json(202, "backtest-started.json"));
        api.on("GET", "/v1/jobs/job-bt-1", json(200, "backtest-running.json"), json(200, "backtest-done.json"));

        Cli.Run run = run("models", "backtest", "default", "3", "--format", "json");

        assertEquals(0, run.exit(), run.err());
        assertEquals(resource("backtest-done.json"), run.out());
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefusedBeforeAnythingIsSent() {
        Cli.Run run = run("models", "backtest", "default", "3", "--from", "2026-12-01", "--to", "2026-09-01");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--from (2026-12-01T00:00:00Z) must be before --to"), run.err());
        assertEquals(2, run("models", "backtest", "default", "3", "--from", "last tuesday").exit());
        assertTrue(api.received().isEmpty());
    }

    @Test
    void noWaitPrintsTheJobIdAtOnce() {
        api.on("POST", REVISION_3 + "/backtest", json(202, "backtest-started.json"));

        Cli.Run run = run("models", "backtest", "default", "3", "--no-wait");

        assertEquals(0, run.exit(), run.err());
        assertEquals("job-bt-1\n", run.out());
        assertTrue(run.err().contains("leadscore jobs show job-bt-1 --wait"), run.err());
        assertEquals(1, api.received().size(), "the job is not polled");
    }

    @Test
    void publishIsSilentByDefaultFollowsTheReScoreAndPrintsTheCounts() {
        api.on("POST", REVISION_3 + "/publish", json(202, "rescore-started.json"));
        api.on("GET", "/v1/jobs/job-rs-1", json(200, "rescore-waiting.json"), json(200, "rescore-running.json"),
                json(200, "rescore-done.json"));

        Cli.Run run = run("models", "publish", "default", "3");

        assertEquals(0, run.exit(), run.err());
        assertEquals("announce=false", api.received().get(0).rawQuery());
        assertEquals("""
                rescore job-rs-1: 0/8 segments · waiting for score batches on the previous revision to finish
                rescore job-rs-1: 3/8 segments · running · 120 leads, 14 changed, 0 errors
                rescore job-rs-1: 8/8 segments · done · 1200 leads, 140 changed, 0 errors
                """, run.progress());
        assertEquals("""
                job       type     model    revision  status  segments  leads  changed  unchanged  errors
                job-rs-1  rescore  default         3  done    8/8        1200      140       1060       0
                """, run.out());
    }

    @Test
    void publishWithAnnounceAsksTheApiToAnnounceTheCrossings() {
        api.on("POST", REVISION_3 + "/publish", json(202, "rescore-started.json"));
        api.on("GET", "/v1/jobs/job-rs-1", json(200, "rescore-done.json"));

        assertEquals(0, run("models", "publish", "default", "3", "--announce").exit());
        assertEquals("announce=true", api.received().get(0).rawQuery());
    }

    @Test
    void aFailedJobOrLeadsInErrorExitOneWithTheErrorsListed() {
        api.on("POST", REVISION_3 + "/publish", json(202, "rescore-started.json"));
        api.on("GET", "/v1/jobs/job-rs-1", json(200, "rescore-failed.json"));

        Cli.Run failed = run("models", "publish", "default", "3");

        assertEquals(1, failed.exit());
        assertTrue(failed.out().contains("job-rs-1  rescore  default         3  failed  2/8"), failed.out());
        assertTrue(failed.out().contains("Errors\nlead  error\n      segment 3: worker timed out 3 times\n"),
                failed.out());

        api.on("GET", "/v1/jobs/job-rs-2", json(200, "rescore-done-with-errors.json"));
        Cli.Run withErrors = run("jobs", "show", "job-rs-2");
        assertEquals(1, withErrors.exit());
        assertTrue(withErrors.out().contains("lead-7  ConditionalCheckFailed after 5 attempts\n"), withErrors.out());
    }

    @Test
    void aPublishWhileAReScoreRunsIsRefusedWithTheApisReason() {
        api.on("POST", REVISION_3 + "/publish", json(409, "rescore-running-elsewhere.json"));

        Cli.Run run = run("models", "publish", "default", "3");

        assertEquals(1, run.exit());
        assertEquals("leadscore: the API refused POST /v1/models/default/revisions/3/publish?announce=false"
                + " (409 rescore_running): a re-score of model default is running (job job-rs-0)\n", run.err());
    }

    @Test
    void pollingRidesOutAFewFailuresAndStopsAtAClientError() {
        api.on("POST", REVISION_3 + "/publish", json(202, "rescore-started.json"));
        api.on("GET", "/v1/jobs/job-rs-1", json(503, "forbidden.json"), json(429, "forbidden.json"),
                json(200, "rescore-done.json"));
        assertEquals(0, run("models", "publish", "default", "3").exit());

        api.on("GET", "/v1/jobs/job-gone", new FakeAdminApi.Answer(404, "application/json",
                "{\"error\":{\"code\":\"job_not_found\",\"message\":\"no job job-gone\"}}"));
        Cli.Run gone = run("jobs", "show", "job-gone", "--wait");
        assertEquals(1, gone.exit());
        assertTrue(gone.err().contains("(404 job_not_found): no job job-gone"), gone.err());
    }

    @Test
    void pollingGivesUpAfterTooManyFailuresInARowAndSaysTheJobGoesOn() {
        api.on("GET", "/v1/jobs/job-rs-1", json(502, "forbidden.json"));

        Cli.Run run = run("jobs", "show", "job-rs-1", "--wait");

        assertEquals(1, run.exit());
        assertEquals(JobWatcher.TOLERATED_FAILURES + 1, api.received().size());
        assertTrue(run.err().contains("follow it with: leadscore jobs show job-rs-1 --wait"), run.err());
    }

    @Test
    void jobsShowPrintsARunningJobWithoutWaitingAndExitsZero() {
        api.on("GET", "/v1/jobs/job-rs-1", json(200, "rescore-running.json"));

        Cli.Run run = run("jobs", "show", "job-rs-1");

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, api.received().size());
        assertTrue(run.out().contains("job-rs-1  rescore  default         3  running  3/8"), run.out());
        assertEquals("", run.progress());
    }

    @Test
    void jobsShowWaitFollowsTheJobToItsEnd() {
        api.on("GET", "/v1/jobs/job-bt-1", json(200, "backtest-running.json"), json(200, "backtest-done.json"));

        Cli.Run run = run("jobs", "show", "job-bt-1", "--wait", "--format", "json");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("/v1/jobs/job-bt-1", "/v1/jobs/job-bt-1"),
                api.received().stream().map(FakeAdminApi.Received::path).toList());
        assertEquals(resource("backtest-done.json"), run.out());
    }
}
