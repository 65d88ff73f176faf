package io.leadscore.redrive;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.events.OutboxRepublish;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.scoring.Redrive;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * POST /v1/ops/redrive?from=&to=: re-scores the activities received in the window (ISO-8601 instants, at most
 * {@link #MAX_WINDOW}) through the same {@link Redrive} as the failure records, then re-publishes the outbox records
 * left unpublished for longer than the delay, as the schedule would; both idempotent, so it may be run again.
 */
final class RedriveNow implements Endpoint {
    /** A day: what the stream keeps, and what one request can scan well within API Gateway's 30 seconds. */
    static final Duration MAX_WINDOW = Duration.ofHours(24);
    /** How long the re-publish may take pages, well within API Gateway's 30 seconds: the rest waits for the schedule. */
    static final Duration REPUBLISH_BUDGET = Duration.ofSeconds(10);

    private final Redrive redrive;
    private final OutboxRepublish republish;

    RedriveNow(Redrive redrive, OutboxRepublish republish) {
        this.redrive = redrive;
        this.republish = republish;
    }

    /** What the operator reads: the window, the activities found and (re-)applied, the outbox records re-published. */
    record Report(Instant from, Instant to, int activitiesFound, int activitiesRescored, int activitiesAlreadyApplied,
                  int recordsRepublished, int recordsFailed) {
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Map<String, String> query = QueryString.of(request);
        QueryString.allowOnly(query, "the redrive", List.of("from", "to"));
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (!to.isAfter(from)) {
            throw new Refused(400, "invalid_to", "to (" + to + ") must be after from (" + from + ")", "to");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw new Refused(400, "invalid_to", "the window from " + from + " to " + to + " is longer than "
                    + MAX_WINDOW.toHours() + " hours: redrive a long outage a day at a time", "to");
        }
        Redrive.Outcome rescored = redrive.rescore(from, to);
        long deadline = System.nanoTime() + REPUBLISH_BUDGET.toNanos();
        OutboxRepublish.Outcome republished = republish.run(() -> System.nanoTime() < deadline);
        return HttpApi.json(200, new Report(from, to, rescored.found(), rescored.applied(), rescored.alreadyApplied(),
                republished.republished(), republished.failed()));
    }

    private static Instant instant(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new Refused(400, "missing_" + name, name + " is required: an ISO-8601 instant such as"
                    + " 2026-11-30T10:00:00Z", name);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Refused(400, "invalid_" + name, name + " is not an ISO-8601 instant (such as 2026-11-30T10:00:00Z): '"
                    + value + "'", name);
        }
    }
}
