package io.leadscore.aws.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One segment of a job as its item keeps it ({@code JOB#<jobId>}/{@code SEG#<k>}, kind {@code jobSegment}), written by
 * its worker after every page: where the worker is, what it counted, and a backtest's partial report. A killed worker's
 * next invocation resumes from here; the job's progress adds the segments up. Absent until its worker first writes it.
 *
 * @param attempt      which handing-out of the segment may work on it: an older one's event is stale
 * @param cursor       where the segment's scan goes on (the index's last key read), null before the first page
 * @param total        the segment's leads, counted when its worker first started (null before): leads created
 *                     since, or moved within the index by a score change, can make {@code leads} end a little apart
 * @param done         every lead of the segment was gone through
 * @param failed       why the segment stopped for good (a newer publish took over), or null
 * @param leadErrors   the first {@value #LISTED_ERRORS} leads that failed, and why ({@code errors} counts them all)
 * @param report       a backtest's partial report ({@code BacktestReport.state()}), or null
 * @param waitingUntil while a re-score's worker waits for score batches under the old revision to end
 * @param revision     the item's optimistic lock: one worker at a time writes a segment
 */
public record JobSegment(int segment, int attempt, Map<String, Object> cursor, Long total, boolean done, String failed,
                         long leads, long changed, long unchanged, long errors, List<LeadError> leadErrors,
                         Map<String, Object> report, Instant startedAt, Instant waitingUntil, Instant updatedAt,
                         long revision) {

    /** Enough to see what goes wrong; the count is exact. */
    public static final int LISTED_ERRORS = 10;

    /** A lead the worker could not re-score or replay, and why. */
    public record LeadError(String leadId, String error) {
    }

    /** What one page of leads came to. */
    public record PageCounts(long changed, long unchanged, List<LeadError> errors) {
        public long leads() {
            return changed + unchanged + errors.size();
        }
    }

    public JobSegment {
        leadErrors = leadErrors == null ? List.of() : List.copyOf(leadErrors);
    }

    /** A segment no worker has written yet: its first handing-out. */
    public static JobSegment unstarted(int segment) {
        return new JobSegment(segment, 1, null, null, false, null, 0, 0, 0, 0, List.of(), null, null, null, null, 0);
    }

    public boolean started() {
        return startedAt != null;
    }

    /** Its worker waits until {@code until} before it writes anything. */
    public JobSegment waiting(Instant until, Instant now) {
        return new JobSegment(segment, attempt, cursor, total, done, failed, leads, changed, unchanged, errors,
                leadErrors, report, startedAt == null ? now : startedAt, until, now, revision + 1);
    }

    /** Its worker is at work. */
    public JobSegment working(Instant now) {
        return new JobSegment(segment, attempt, cursor, total, done, failed, leads, changed, unchanged, errors,
                leadErrors, report, startedAt == null ? now : startedAt, null, now, revision + 1);
    }

    /** Its leads counted. */
    public JobSegment counted(long leadsInSegment, Instant now) {
        return new JobSegment(segment, attempt, cursor, leadsInSegment, done, failed, leads, changed, unchanged, errors,
                leadErrors, report, startedAt, waitingUntil, now, revision + 1);
    }

    /** A page gone through: the scan's next cursor (null: the segment is done), its counts, the report so far. */
    public JobSegment afterPage(Map<String, Object> next, PageCounts page, Map<String, Object> reportSoFar,
                                Instant now) {
        List<LeadError> listed = new ArrayList<>(leadErrors);
        page.errors().stream().limit(Math.max(0, LISTED_ERRORS - listed.size())).forEach(listed::add);
        return new JobSegment(segment, attempt, next, total, next == null, failed, leads + page.leads(),
                changed + page.changed(), unchanged + page.unchanged(), errors + page.errors().size(), listed,
                reportSoFar, startedAt, null, now, revision + 1);
    }

    /** Handed to a fresh invocation, which continues from the cursor. */
    public JobSegment handedOver(Instant now) {
        return new JobSegment(segment, attempt + 1, cursor, total, done, failed, leads, changed, unchanged, errors,
                leadErrors, report, startedAt, null, now, revision + 1);
    }

    /** Stopped for good. */
    public JobSegment failedBecause(String reason, Instant now) {
        return new JobSegment(segment, attempt, cursor, total, done, reason, leads, changed, unchanged, errors,
                leadErrors, report, startedAt, null, now, revision + 1);
    }
}
