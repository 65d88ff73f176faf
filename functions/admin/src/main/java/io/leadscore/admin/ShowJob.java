package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.Job;
import io.leadscore.aws.dynamodb.JobSegment;
import io.leadscore.aws.dynamodb.StoredJob;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.BacktestReport;
import io.leadscore.revision.ModelRevision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GET /v1/jobs/{jobId}: a job's progress (its segments added up), the leads that failed, and once a backtest is done
 * its report, the segments' partial reports merged; with {@code ?format=csv} the finished backtest's report as CSV,
 * one section after another, for a spreadsheet.
 */
final class ShowJob implements Endpoint {
    private final Jobs jobs;
    private final Models models;
    /** Revisions never change: a container parses each once to merge reports. */
    private final Map<String, ScoringModel> revisions = new ConcurrentHashMap<>();

    ShowJob(Jobs jobs, Models models) {
        this.jobs = jobs;
        this.models = models;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Map<String, String> query = QueryString.of(request);
        QueryString.allowOnly(query, "a job", List.of("format"));
        String format = QueryString.oneOf(query, "format", "json", "csv");
        StoredJob stored = jobs.stored(request);
        Instant now = models.clock().instant();
        boolean reported = !stored.job().rescore() && stored.finished();
        if (format.equals("csv")) {
            if (stored.job().rescore()) {
                throw new Refused(400, "no_report", "a re-score has no report; ?format=csv is a finished backtest's",
                        "format");
            }
            if (!reported) {
                throw new Refused(409, "report_not_ready", "the backtest is " + stored.status(now)
                        + "; its report is ready once it is done", "format");
            }
            return HttpApi.withHeader(HttpApi.text(200, HttpApi.CSV, report(stored).toCsv()),
                    "content-disposition", "attachment; filename=\"" + stored.job().jobId() + ".csv\"");
        }
        return HttpApi.json(200, JobViews.Progress.of(stored, now, reported ? report(stored).summary() : null));
    }

    /** The segments' partial reports, merged. */
    private BacktestReport report(StoredJob stored) {
        Job job = stored.job();
        ScoringModel baseline = revision(job.modelId(), job.baseline());
        ScoringModel candidate = revision(job.modelId(), job.revision());
        BacktestReport report = new BacktestReport(baseline, candidate, job.from(), job.to(),
                Job.BACKTEST_BUCKET_SIZE);
        for (JobSegment segment : stored.segments()) {
            if (segment.report() != null) {
                report.merge(BacktestReport.fromState(segment.report(), baseline, candidate));
            }
        }
        return report;
    }

    private ScoringModel revision(String modelId, int number) {
        return revisions.computeIfAbsent(modelId + "@" + number, key -> models.store().revision(modelId, number)
                .map(ModelRevision::model).orElseThrow(() -> new IllegalStateException("revision " + number
                        + " of model '" + modelId + "' is not stored")));
    }
}
