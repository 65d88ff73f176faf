package io.leadscore.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadscore.aws.dynamodb.JobSegment;
import io.leadscore.aws.dynamodb.StoredJob;
import io.leadscore.revision.BacktestReport;

import java.time.Instant;
import java.util.List;

/** The admin API's JSON for jobs (design-13's shapes, which the CLI and the dashboard read). */
final class JobViews {
    private JobViews() {
    }

    /** 202 to a backtest or a publish: the job to follow. */
    record Started(String jobId, String type, String status) {
    }

    /**
     * GET /v1/jobs/{jobId}: its status and counts, added up over its segments, the leads that failed, and a finished
     * backtest's report.
     */
    record Progress(String jobId, String type, String modelId, int revision, String status, Instant createdAt,
                    Instant updatedAt, Segments segments, Leads leads, List<JobSegment.LeadError> errors,
                    @JsonInclude(JsonInclude.Include.NON_NULL) BacktestReport.Summary report) {

        static Progress of(StoredJob stored, Instant now, BacktestReport.Summary report) {
            return new Progress(stored.job().jobId(), stored.job().type(), stored.job().modelId(),
                    stored.job().revision(), stored.status(now), stored.job().createdAt(), stored.updatedAt(),
                    new Segments(stored.segments().size(), stored.segmentsDone()),
                    new Leads(stored.leads(), stored.total(), stored.changed(), stored.unchanged(), stored.errorCount()),
                    stored.errors(now), report);
        }
    }

    record Segments(int total, long done) {
    }

    /**
     * Leads gone through: re-scored and written (changed), found as they were (unchanged), or failed; and how many
     * there are, once every segment has counted its own (null before).
     */
    record Leads(long done, Long total, long changed, long unchanged, long errors) {
    }
}
