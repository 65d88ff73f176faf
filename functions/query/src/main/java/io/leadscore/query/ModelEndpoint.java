package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.HttpApi;

/** GET /v1/model: the model in force; it is fixed for the function's life, so it is described once. */
final class ModelEndpoint implements Endpoint {
    private final ModelView model;

    ModelEndpoint(ModelView model) {
        this.model = model;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        return HttpApi.json(200, model);
    }
}
