package io.leadscore.jobs;

import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.Job;
import io.leadscore.aws.dynamodb.JobSegment.PageCounts;
import io.leadscore.aws.dynamodb.JobSegment;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.LeadScan;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.StoredJob;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.BacktestReport;
import io.leadscore.scoring.RescoreRun;
import io.leadscore.scoring.ScoreStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One segment of a job, as a worker goes through it: page by page of the lead index's segment, its cursor and counts
 * written to the segment's item after each page, so that whatever stops the worker (a crash, Lambda's time limit)
 * loses at most the page in flight, which the next invocation goes through again: a re-scored lead replays unchanged
 * and is not written twice. Before its time runs out the worker hands the segment to a fresh invocation (the next
 * attempt's {@code JobSegmentReady}, written with the cursor), and an older attempt's event is then stale.
 *
 * <p>A re-score writes nothing until its publish is {@code settle} old: the score function reads the pointer once per
 * batch, and a batch that began under the old revision runs for at most its timeout, so after that every live write
 * is under the new revision and cannot undo a re-scored lead. Each page checks that the job still re-scores what is
 * published; a newer publish takes over, and this job's segments stop.
 */
final class SegmentWorker {
    /** Kept for the page in flight and the hand-over, besides twice the slowest page so far. */
    static final long SAFETY_MILLIS = 30_000;

    /** How an invocation ended. */
    enum Outcome {
        /** The segment is done. */
        DONE,
        /** Continued in a fresh invocation. */
        HANDED_OVER,
        /** Nothing to do: the segment is done, or handed on already, or the job unknown. */
        STALE,
        /** Another worker wrote the segment meanwhile (the event was delivered twice): it goes on. */
        TAKEN,
        /** A newer publish took over the re-score. */
        SUPERSEDED
    }

    /** What an invocation did: how it ended and this invocation's counts. */
    record Result(Outcome outcome, long pages, long leads, long changed, long errors) {
    }

    private final JobStore jobs;
    private final LeadScan scan;
    private final ScoreStore leads;
    private final ModelStore models;
    private final Clock clock;
    private final Parallel parallel;
    private final int pageSize;
    private final Duration settle;
    /** Revisions never change: each is read and parsed once per container. */
    private final Map<String, ScoringModel> revisions = new ConcurrentHashMap<>();

    /**
     * @param pageSize lead index entries read per page
     * @param settle   the score function's timeout: how long after a publish a batch may still run under the old
     *                 revision
     */
    SegmentWorker(JobStore jobs, LeadScan scan, ScoreStore leads, ModelStore models, Clock clock, Parallel parallel,
                  int pageSize, Duration settle) {
        this.jobs = jobs;
        this.scan = scan;
        this.leads = leads;
        this.models = models;
        this.clock = clock;
        this.parallel = parallel;
        this.pageSize = pageSize;
        this.settle = settle;
    }

    /** Works on the segment the event hands out, while {@code millisLeft} leaves time for another page. */
    Result run(JobSegmentReady event, LongSupplier millisLeft) {
        Job job = jobs.job(event.jobId()).orElse(null);
        JobSegment segment = jobs.segment(event.jobId(), event.segment());
        if (job == null || segment.done() || segment.failed() != null || segment.attempt() != event.attempt()) {
            Log.info("nothing to do for this segment", "jobId", event.jobId(), "segment", event.segment(),
                    "attempt", event.attempt(), "found", job == null ? "no job" : segment.done() ? "done"
                            : segment.failed() != null ? "failed" : "attempt " + segment.attempt());
            return new Result(Outcome.STALE, 0, 0, 0, 0);
        }
        return new Pass(job, segment, work(job, segment), millisLeft).run();
    }

    private SegmentWork work(Job job, JobSegment segment) {
        ScoringModel revision = revision(job.modelId(), job.revision());
        if (job.rescore()) {
            return new RescoreSegment(leads, new RescoreRun(leads, revision, clock, job.announce()), parallel);
        }
        ScoringModel baseline = revision(job.modelId(), job.baseline());
        BacktestReport report = segment.report() == null
                ? new BacktestReport(baseline, revision, job.from(), job.to(), Job.BACKTEST_BUCKET_SIZE)
                : BacktestReport.fromState(segment.report(), baseline, revision);
        return new BacktestSegment(leads, report, job.createdAt(), parallel);
    }

    private ScoringModel revision(String modelId, int number) {
        return revisions.computeIfAbsent(modelId + "@" + number, key -> models.revision(modelId, number)
                .orElseThrow(() -> new IllegalStateException("revision " + number + " of model '" + modelId
                        + "' is not stored")).model());
    }

    /** One invocation's work on the segment. */
    private final class Pass {
        private final Job job;
        private final SegmentWork work;
        private final LongSupplier millisLeft;
        private JobSegment segment;
        /**
         * The leads gone through by this invocation. The index is sorted by score, so a re-score that raises a lead's
         * score moves it ahead of the cursor, where the scan finds it again: it is skipped, not read and counted twice.
         * (A lead moved across a hand-over is read again, and found unchanged.)
         */
        private final Set<String> seen = new HashSet<>();
        private long slowestPageMillis;
        private long pages;
        private long leadCount;
        private long changed;
        private long errors;

        Pass(Job job, JobSegment segment, SegmentWork work, LongSupplier millisLeft) {
            this.job = job;
            this.segment = segment;
            this.work = work;
            this.millisLeft = millisLeft;
        }

        Result run() {
            if (job.rescore() && !settled()) {
                return handOver();
            }
            if (!save(segment.working(clock.instant()))) {
                return result(Outcome.TAKEN);
            }
            if (segment.total() == null
                    && !save(segment.counted(scan.count(segment.segment(), job.segments()), clock.instant()))) {
                return result(Outcome.TAKEN);
            }
            while (true) {
                if (job.rescore()) {
                    String superseded = superseded();
                    if (superseded != null) {
                        Log.info("the re-score was superseded; the segment stops", "jobId", job.jobId(),
                                "segment", segment.segment(), "reason", superseded);
                        return result(save(segment.failedBecause(superseded, clock.instant())) ? Outcome.SUPERSEDED
                                : Outcome.TAKEN);
                    }
                }
                if (millisLeft.getAsLong() < SAFETY_MILLIS + 2 * slowestPageMillis) {
                    return handOver();
                }
                long started = System.nanoTime();
                LeadScan.Page page = scan.page(segment.segment(), job.segments(), segment.cursor(), pageSize);
                List<String> unseen = page.leadIds().stream().filter(seen::add).toList();
                PageCounts counts = work.page(unseen);
                if (!save(segment.afterPage(page.next(), counts, work.state(), clock.instant()))) {
                    return result(Outcome.TAKEN);
                }
                pages++;
                leadCount += counts.leads();
                changed += counts.changed();
                errors += counts.errors().size();
                slowestPageMillis = Math.max(slowestPageMillis, (System.nanoTime() - started) / 1_000_000);
                if (segment.done()) {
                    finished();
                    return result(Outcome.DONE);
                }
            }
        }

        /**
         * Waits, if the publish is not yet {@code settle} old, showing the segment as waiting meanwhile; false when
         * the invocation has not the time left to.
         */
        private boolean settled() {
            Instant until = job.createdAt().plus(settle);
            if (!clock.instant().isBefore(until)) {
                return true;
            }
            if (!save(segment.waiting(until, clock.instant()))) {
                return true; // another worker has the segment: the next save says so
            }
            while (clock.instant().isBefore(until)) {
                if (millisLeft.getAsLong() < SAFETY_MILLIS) {
                    return false;
                }
                try {
                    Thread.sleep(Math.min(1_000, Duration.between(clock.instant(), until).toMillis() + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for score batches to settle", e);
                }
            }
            return true;
        }

        /** Why the re-score no longer holds: another revision published since, or the same one again. */
        private String superseded() {
            ModelPointer pointer = models.pointer(job.modelId()).orElseThrow();
            if (pointer.published() != job.revision()) {
                return "revision " + pointer.published() + " was published since; its re-score takes over";
            }
            if (pointer.rescoring() != null && !pointer.rescoring().equals(job.jobId())) {
                return "job " + pointer.rescoring() + " re-scores revision " + job.revision() + " again";
            }
            return null;
        }

        private Result handOver() {
            JobSegmentReady next = job.handOut(segment.segment(), segment.attempt() + 1);
            JobSegment handedOver = segment.handedOver(clock.instant());
            if (!jobs.handOver(job.jobId(), segment, handedOver, next, clock.instant())) {
                return result(Outcome.TAKEN);
            }
            Log.info("handed the segment to a fresh invocation", "jobId", job.jobId(), "segment", segment.segment(),
                    "attempt", next.attempt());
            return result(Outcome.HANDED_OVER);
        }

        /** The last segment done ends a re-score: the model's pointer names no running job any more. */
        private void finished() {
            if (job.rescore() && jobs.stored(job.jobId()).map(StoredJob::finished).orElse(false)) {
                models.rescored(job.modelId(), job.jobId());
                Log.info("the re-score is done", "jobId", job.jobId(), "revision", job.revision());
            }
        }

        private boolean save(JobSegment next) {
            if (!jobs.save(job.jobId(), segment, next)) {
                Log.warn("another worker has the segment (its event was delivered twice); this one stops",
                        "jobId", job.jobId(), "segment", segment.segment());
                return false;
            }
            segment = next;
            return true;
        }

        private Result result(Outcome outcome) {
            return new Result(outcome, pages, leadCount, changed, errors);
        }
    }
}
