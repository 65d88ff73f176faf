package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.Job;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * POST /v1/models/{modelId}/revisions/{n}/backtest?from=&to=: revision {@code n} tried on the recorded history of every
 * lead beside the published revision, crossings counted in the window {@code [from, to)} (ISO instants, each
 * optional). It only reads live data: the job's own items are all it writes. Answers 202 with the job; its report is
 * in {@code GET /v1/jobs/{jobId}} once done.
 */
final class StartBacktest implements Endpoint {
    private final Models models;
    private final Jobs jobs;

    StartBacktest(Models models, Jobs jobs) {
        this.models = models;
        this.jobs = jobs;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Models.Addressed addressed = models.address(request, "a backtest", "from", "to");
        String author = HttpApi.iamCaller(request).orElseThrow();
        ModelPointer pointer = models.pointer(addressed.modelId());
        int number = Models.number(HttpApi.pathParameter(request, "n").orElse(null), "n", pointer);
        Instant from = instant(addressed.query(), "from");
        Instant to = instant(addressed.query(), "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new Refused(400, "invalid_window", "the window must end after it starts: from " + from + ", to "
                    + to, "to");
        }
        Instant now = models.clock().instant();
        Job job = jobs.create(JobSegmentReady.BACKTEST, addressed.modelId(), number, pointer.published(), false, from,
                to, now, author);
        jobs.store().start(job, now);
        return Jobs.started(job);
    }

    private static Instant instant(Map<String, String> query, String field) {
        String value = query.get(field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Refused(400, "invalid_" + field, field + " is an ISO-8601 instant, e.g. 2026-09-01T00:00:00Z, not '"
                    + value + "'", field);
        }
    }
}
