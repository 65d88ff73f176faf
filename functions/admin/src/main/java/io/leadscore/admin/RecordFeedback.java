package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;
import io.leadscore.lifecycle.FeedbackReader;

/**
 * POST /v1/leads/{leadId}/feedback: one CRM verdict on a lead. Answers 200 with the lead's stage and score, as
 * {@code applied} or {@code duplicate} (the same feedbackId before: nothing changed); 400 naming each field at fault;
 * 404 for a lead scoring does not know; 409 {@code invalid_transition} for a move that makes no sense from the
 * lead's stage.
 */
final class RecordFeedback implements Endpoint {
    private final Verdicts verdicts;

    RecordFeedback(Verdicts verdicts) {
        this.verdicts = verdicts;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String leadId = HttpApi.pathParameter(request, "leadId").orElseThrow(() -> new Refused(400, "missing_lead_id",
                "the path names no lead: POST /v1/leads/{leadId}/feedback", "leadId"));
        FeedbackReader.Read read = FeedbackReader.forLead(leadId, Verdicts.body(request), verdicts.clock().instant());
        if (!read.accepted()) {
            Verdicts.Result rejected = Verdicts.rejected(null, read.errors());
            return HttpApi.error(400, new ApiError("invalid_feedback", "the feedback has " + read.errors().size()
                    + (read.errors().size() == 1 ? " problem" : " problems") + "; nothing was recorded",
                    rejected.errors().get(0).field(), rejected.errors()));
        }
        Verdicts.Result result = verdicts.apply(null, read.feedback());
        return switch (result.status()) {
            case "unknown_lead" -> HttpApi.error(404, new ApiError("lead_not_found",
                    result.errors().get(0).problem(), "leadId"));
            case "refused" -> HttpApi.error(409, new ApiError("invalid_transition", result.errors().get(0).problem(),
                    "type"));
            default -> HttpApi.json(200, result);
        };
    }
}
