package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.FieldError;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.dynamodb.ShadowScoring;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.scoring.ScoringRun;

import java.time.Clock;
import java.util.List;

/**
 * CRM verdicts as the feedback routes take them: the JSON body read, and each verdict applied by the
 * {@link ScoringRun} under the model published now (its feedback rules score the verdict like any rule).
 */
final class Verdicts {
    /** A CRM's batch, like an ingest batch: small enough for one request's time. */
    static final int MAX_ITEMS = 100;
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final LeadStore leads;
    private final PublishedModel published;
    private final ShadowScoring shadow;
    private final Clock clock;

    Verdicts(LeadStore leads, PublishedModel published, ShadowScoring shadow, Clock clock) {
        this.leads = leads;
        this.published = published;
        this.shadow = shadow;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** The outcome of one verdict, as the API answers it. */
    record Result(Integer index, String leadId, String feedbackId, String status, String stage, Integer score,
                  List<ApiError.Problem> errors) {
    }

    Result apply(Integer index, Feedback feedback) {
        ScoringRun.Verdict verdict = new ScoringRun(leads, published.now().model(), clock).feedback(feedback);
        if (verdict.outcome() == ScoringRun.Verdict.Outcome.APPLIED
                || verdict.outcome() == ScoringRun.Verdict.Outcome.DUPLICATE) {
            shadowed(feedback);
        }
        return switch (verdict.outcome()) {
            case APPLIED, DUPLICATE -> new Result(index, feedback.leadId(), feedback.feedbackId(),
                    verdict.outcome().name().toLowerCase(java.util.Locale.ROOT), verdict.lead().stage().label(),
                    verdict.lead().score(), List.of());
            case UNKNOWN_LEAD -> new Result(index, feedback.leadId(), feedback.feedbackId(), "unknown_lead", null, null,
                    List.of(new ApiError.Problem(field(index, "leadId"), "no lead '" + feedback.leadId() + "' is known")));
            case REFUSED -> new Result(index, feedback.leadId(), feedback.feedbackId(), "refused",
                    verdict.lead().stage().label(), verdict.lead().score(),
                    List.of(new ApiError.Problem(field(index, "type"), verdict.problem())));
        };
    }

    /**
     * The verdict applied to the challenger's lead too, once (by its feedback id, as live): sales judge a lead once,
     * and the verdict counts for both revisions that qualified it. A repeat of the request (a duplicate live) applies
     * it there if the first failed there. The challenger never fails a verdict: a failure is logged, and the
     * challenger's figures miss it.
     */
    private void shadowed(Feedback feedback) {
        try {
            shadow.now().ifPresent(run -> run.feedback(feedback));
        } catch (RuntimeException e) {
            Log.error("the challenger could not apply a verdict", e, "leadId", feedback.leadId());
        }
    }

    static Result rejected(Integer index, List<FieldError> errors) {
        return new Result(index, null, null, "rejected", null, null,
                errors.stream().map(e -> new ApiError.Problem(e.field(), e.problem())).toList());
    }

    private static String field(Integer index, String name) {
        return index == null ? name : "items[" + index + "]." + name;
    }

    /** The body as JSON, or a 400 that says where it stops being JSON. */
    static JsonNode body(APIGatewayV2HTTPEvent request) {
        return JsonBody.read(request, MAX_BODY_BYTES, "the feedback", "a feedback request");
    }
}
