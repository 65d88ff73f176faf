package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;

/** GET /v1/models/{modelId}/revisions: every revision, oldest first, which one is published, and when review is due. */
final class ListRevisions implements Endpoint {
    private final Models models;

    ListRevisions(Models models) {
        this.models = models;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String modelId = models.address(request, "the revision list").modelId();
        ModelPointer pointer = models.pointer(modelId);
        return HttpApi.json(200, RevisionViews.Listing.of(pointer, models.store().summaries(modelId),
                models.clock().instant()));
    }
}
