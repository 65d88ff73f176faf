package io.leadscore.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.lambda.Metrics;

import java.util.Map;
import java.util.TreeSet;

/**
 * The routes of an API function whose every route requires IAM authentication (template.yaml), one
 * {@link Endpoint} per route key API Gateway matched. Requests that arrive without an IAM caller are refused here
 * as well, in case a route is ever misconfigured; a route the function does not serve is a 404 that lists those it
 * does; an endpoint's {@link Refused} becomes the API's error body. Each request publishes the function's metric line.
 */
public final class IamRoutes {
    private final String function;
    private final String api;
    private final Map<String, Endpoint> routes;

    /**
     * @param function the function's name in its metrics: "query"
     * @param api      the API's name for people, in error messages: "the query API"
     */
    public IamRoutes(String function, String api, Map<String, Endpoint> routes) {
        this.function = function;
        this.api = api;
        this.routes = Map.copyOf(routes);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Metrics metrics = new Metrics(function);
        try {
            return route(request);
        } finally {
            metrics.publish();
        }
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent request) {
        if (HttpApi.iamCaller(request).isEmpty()) {
            return HttpApi.error(403, new ApiError("forbidden", "this API requires IAM authentication: sign the request"
                    + " (SigV4)", "authorization"));
        }
        Endpoint endpoint = routes.get(request.getRouteKey());
        if (endpoint == null) {
            return HttpApi.error(404, new ApiError("route_not_found", api + " has no route '" + request.getRouteKey()
                    + "' (routes: " + String.join(", ", new TreeSet<>(routes.keySet())) + ")", "path"));
        }
        try {
            return endpoint.handle(request);
        } catch (Refused refused) {
            return HttpApi.error(refused.status(), refused.error());
        }
    }
}
