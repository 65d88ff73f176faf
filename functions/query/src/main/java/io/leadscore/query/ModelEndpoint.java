package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;

/**
 * GET /v1/model: the model in force, the published revision as of at most {@link PublishedModel#RECHECK_AFTER} ago.
 * Describing it costs no read once the revision is in the container.
 */
final class ModelEndpoint implements Endpoint {
    private final PublishedModel published;

    ModelEndpoint(PublishedModel published) {
        this.published = published;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        return HttpApi.json(200, ModelView.of(published.recent()));
    }
}
