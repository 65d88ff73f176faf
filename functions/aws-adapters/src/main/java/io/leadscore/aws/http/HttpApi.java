package io.leadscore.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.support.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reading API Gateway HTTP API (payload 2.0) requests and writing JSON responses. */
public final class HttpApi {
    private static final Map<String, String> JSON_HEADERS = Map.of(
            "content-type", "application/json; charset=utf-8",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");

    private HttpApi() {
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(JSON_HEADERS)
                .withBody(Json.write(body)).build();
    }

    public static APIGatewayV2HTTPResponse error(int status, ApiError error) {
        return json(status, Map.of("error", error));
    }

    /** The content type of a CSV table (RFC 4180, UTF-8). */
    public static final String CSV = "text/csv; charset=utf-8";

    /** A document that is not JSON (a model's YAML, a CSV table), with its content type. */
    public static APIGatewayV2HTTPResponse text(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(Map.of(
                "content-type", contentType, "cache-control", "no-store", "x-content-type-options", "nosniff"))
                .withBody(body).build();
    }

    /** The response with one more header (or another value for one it has). */
    public static APIGatewayV2HTTPResponse withHeader(APIGatewayV2HTTPResponse response, String name, String value) {
        Map<String, String> headers = new HashMap<>(response.getHeaders());
        headers.put(name, value);
        response.setHeaders(headers);
        return response;
    }

    /** The response, readable by a page at {@code origin} (CORS); unchanged when there is no origin. */
    public static APIGatewayV2HTTPResponse allowOrigin(APIGatewayV2HTTPResponse response, String origin) {
        if (origin == null) {
            return response;
        }
        return withHeader(withHeader(response, "access-control-allow-origin", origin), "vary", "origin");
    }

    /** Header lookup ignoring case: API Gateway lower-cases names, other clients may not. */
    public static Optional<String> header(APIGatewayV2HTTPEvent request, String name) {
        if (request.getHeaders() == null) {
            return Optional.empty();
        }
        return request.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    public static byte[] body(APIGatewayV2HTTPEvent request) {
        String body = request.getBody();
        if (body == null) {
            return new byte[0];
        }
        return request.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    /** The HTTP method, upper case; POST when the event does not say (a hand-built test event). */
    public static String method(APIGatewayV2HTTPEvent request) {
        var context = request.getRequestContext();
        return context == null || context.getHttp() == null || context.getHttp().getMethod() == null ? "POST"
                : context.getHttp().getMethod().toUpperCase(java.util.Locale.ROOT);
    }

    public static Optional<String> pathParameter(APIGatewayV2HTTPEvent request, String name) {
        return Optional.ofNullable(request.getPathParameters()).map(p -> p.get(name));
    }

    /** The IAM principal API Gateway authenticated, if the route requires IAM auth. */
    public static Optional<String> iamCaller(APIGatewayV2HTTPEvent request) {
        var context = request.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getIam() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(context.getAuthorizer().getIam().getUserArn());
    }
}
