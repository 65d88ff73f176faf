package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.util.Map;

/**
 * GET /v1/openapi.json: the OpenAPI 3.1 description of the whole HTTP API, the repository's {@code openapi.json} as
 * the build put it in this jar. Served by this public function, like the tracking snippet, so tools and the
 * dashboard's reference page read it without credentials; it describes routes, never data.
 */
final class ApiDescription {
    private static final String RESOURCE = "/io/leadscore/api/openapi.json";

    private final String document;

    private ApiDescription(String document) {
        this.document = document;
    }

    static ApiDescription fromClassPath() {
        return new ApiDescription(ClassPathText.read(RESOURCE, "the build copies openapi.json"));
    }

    APIGatewayV2HTTPResponse response() {
        // Any page may read it (a reference viewer elsewhere); it changes only with a deployment.
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of(
                "content-type", "application/json; charset=utf-8", "cache-control", "public, max-age=300",
                "access-control-allow-origin", "*", "x-content-type-options", "nosniff")).withBody(document).build();
    }
}
