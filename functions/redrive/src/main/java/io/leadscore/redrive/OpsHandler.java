package io.leadscore.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.IamRoutes;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;

import java.util.Map;

/**
 * The operations API: {@code POST /v1/ops/redrive} runs the redrive now ({@link RedriveNow}), for an operator who
 * will not wait for a failure record or the next scheduled re-publish. IAM-authenticated (the admin key locally).
 */
public final class OpsHandler extends StreamHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final IamRoutes routes;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public OpsHandler() {
        this(Environment.system());
    }

    public OpsHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.routes = new IamRoutes("ops", "the operations API", Map.of("POST /v1/ops/redrive",
                new RedriveNow(RedriveHandler.redrive(bootstrap), RepublishHandler.republish(env, bootstrap))));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        return routes.handle(request);
    }
}
