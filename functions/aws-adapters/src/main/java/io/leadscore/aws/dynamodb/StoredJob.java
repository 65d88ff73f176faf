package io.leadscore.aws.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A job and its segments as stored: its progress is theirs added up, read in one Query of the job's partition.
 *
 * @param segments every segment of the job, in order; one no worker has written yet is {@link JobSegment#unstarted}
 */
public record StoredJob(Job job, List<JobSegment> segments) {
    public static final String QUEUED = "queued";
    public static final String WAITING = "waiting";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /**
     * A live worker writes its segment when it starts and after every page (seconds apart); it is never silent this
     * long: Lambda stops an invocation after 15 minutes, and retries a failed one a minute or two later. A segment
     * quiet for longer lost its worker (its event is in the dead-letter queue), and the job has failed.
     */
    public static final Duration STALLED_AFTER = Duration.ofMinutes(20);

    public StoredJob {
        segments = List.copyOf(segments);
    }

    /** The job with the segments written so far; the others unstarted. */
    static StoredJob of(Job job, List<JobSegment> written) {
        Map<Integer, JobSegment> bySegment = written.stream()
                .collect(Collectors.toMap(JobSegment::segment, Function.identity()));
        return new StoredJob(job, IntStream.range(0, job.segments())
                .mapToObj(k -> bySegment.getOrDefault(k, JobSegment.unstarted(k))).toList());
    }

    public long segmentsDone() {
        return segments.stream().filter(JobSegment::done).count();
    }

    /** Every segment gone through. */
    public boolean finished() {
        return segmentsDone() == segments.size();
    }

    /**
     * {@value #DONE} when every segment is; {@value #FAILED} when one stopped for good or lost its worker;
     * {@value #WAITING} while a re-score's workers wait for the old revision's score batches to end;
     * {@value #RUNNING} once a worker started; {@value #QUEUED} before.
     */
    public String status(Instant now) {
        if (finished()) {
            return DONE;
        }
        if (segments.stream().anyMatch(segment -> segment.failed() != null || stalled(segment, now))) {
            return FAILED;
        }
        if (segments.stream().anyMatch(segment -> segment.waitingUntil() != null && now.isBefore(segment.waitingUntil()))) {
            return WAITING;
        }
        return segments.stream().anyMatch(JobSegment::started) ? RUNNING : QUEUED;
    }

    /** Whether the job still works: neither done nor failed. */
    public boolean running(Instant now) {
        String status = status(now);
        return !status.equals(DONE) && !status.equals(FAILED);
    }

    /** The leads that failed, segment by segment, and each segment that stopped for good or lost its worker. */
    public List<JobSegment.LeadError> errors(Instant now) {
        List<JobSegment.LeadError> errors = new ArrayList<>();
        for (JobSegment segment : segments) {
            if (segment.failed() != null) {
                errors.add(new JobSegment.LeadError(null, "segment " + segment.segment() + ": " + segment.failed()));
            } else if (stalled(segment, now)) {
                errors.add(new JobSegment.LeadError(null, "segment " + segment.segment() + ": no progress since "
                        + lastHeardOf(segment) + " (its worker stopped; see the jobs dead-letter queue)"));
            }
            errors.addAll(segment.leadErrors());
        }
        return errors;
    }

    /** When a worker last wrote, or the job started. */
    public Instant updatedAt() {
        return segments.stream().map(JobSegment::updatedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(job.createdAt());
    }

    public long leads() {
        return sum(JobSegment::leads);
    }

    /** The job's leads, once every segment has counted its own; null before. */
    public Long total() {
        return segments.stream().allMatch(segment -> segment.total() != null) ? sum(JobSegment::total) : null;
    }

    public long changed() {
        return sum(JobSegment::changed);
    }

    public long unchanged() {
        return sum(JobSegment::unchanged);
    }

    public long errorCount() {
        return sum(JobSegment::errors);
    }

    private long sum(ToLongFunction<JobSegment> count) {
        return segments.stream().mapToLong(count).sum();
    }

    private boolean stalled(JobSegment segment, Instant now) {
        return !segment.done() && segment.failed() == null && lastHeardOf(segment).plus(STALLED_AFTER).isBefore(now);
    }

    private Instant lastHeardOf(JobSegment segment) {
        return segment.updatedAt() != null ? segment.updatedAt() : job.createdAt();
    }
}
