package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.LeadErasure;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.model.ScoringModel;

import java.util.function.Supplier;

/**
 * DELETE /v1/leads/{leadId}: erases the person (the right to erasure) and answers with what was removed, kind by kind.
 * An id erased before is answered 200 with nothing removed, so a retry is harmless; an id the table never held, 404.
 */
final class EraseEndpoint implements Endpoint {
    private final LeadErasure erasure;
    /** The account policy re-aggregates the account the lead leaves. */
    private final Supplier<ScoringModel> model;

    EraseEndpoint(LeadErasure erasure, Supplier<ScoringModel> model) {
        this.erasure = erasure;
        this.model = model;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String leadId = LeadPath.leadId(request);
        return erasure.erase(leadId, model.get().accounts()).map(erased -> HttpApi.json(200, erased))
                .orElseThrow(() -> LeadPath.notFound(leadId));
    }
}
