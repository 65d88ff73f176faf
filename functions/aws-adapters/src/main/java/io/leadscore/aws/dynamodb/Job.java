package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.JobSegmentReady;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A re-score or backtest job as its item keeps it ({@code JOB#<jobId>}/{@code JOB}, kind {@code job}): what it does,
 * over how many segments, and since when. It never changes once written; its segments keep the progress.
 *
 * @param type      {@value JobSegmentReady#RESCORE} (a publish) or {@value JobSegmentReady#BACKTEST}
 * @param revision  the revision it re-scores with, or the backtest's candidate
 * @param baseline  the revision published when it started: the backtest's other column, the re-score's previous one
 * @param announce  a re-score's: whether the crossings it causes are announced
 * @param from      a backtest's window start, or null (crossings counted from the beginning)
 * @param to        a backtest's window end (exclusive), or null (up to the job's start)
 * @param segments  how many segments of the lead index it is split into, each a worker's
 * @param createdAt when it started; a re-score's publish moved the pointer at that moment
 * @param createdBy the IAM caller who started it
 */
public record Job(String jobId, String type, String modelId, int revision, int baseline, boolean announce,
                  Instant from, Instant to, int segments, Instant createdAt, String createdBy) {
    /** A backtest's histogram buckets, in points: its segments' partial reports and their sum share them. */
    public static final int BACKTEST_BUCKET_SIZE = 10;

    public boolean rescore() {
        return JobSegmentReady.RESCORE.equals(type);
    }

    /** The segment handed out (again) for the {@code attempt}-th time. */
    public JobSegmentReady handOut(int segment, int attempt) {
        return new JobSegmentReady(jobId, type, modelId, revision, segment, segments, attempt);
    }

    /** What starts the job: each segment handed out for the first time. */
    public List<JobSegmentReady> firstHandOuts() {
        return IntStream.range(0, segments).mapToObj(segment -> handOut(segment, 1)).toList();
    }
}
