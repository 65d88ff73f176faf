package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;

/** The {@code {leadId}} of a lead's routes, checked as events check it before any read. */
final class LeadPath {
    private LeadPath() {
    }

    static String leadId(APIGatewayV2HTTPEvent request) {
        String leadId = HttpApi.pathParameter(request, "leadId").filter(id -> !id.isBlank())
                .orElseThrow(() -> new Refused(400, "missing_lead_id", "name the lead: /v1/leads/{leadId}", "leadId"));
        if (!ActivityValidator.isIdentity(leadId)) {
            throw new Refused(400, "invalid_lead_id", "a lead id is 1-128 characters without control characters,"
                    + " as events give it", "leadId");
        }
        return leadId;
    }

    static Refused notFound(String leadId) {
        return new Refused(404, "lead_not_found", "no lead '" + leadId + "' has been scored", "leadId");
    }
}
