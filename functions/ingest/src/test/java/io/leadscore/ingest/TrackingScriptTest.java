package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/track.js: the web module's minified snippet, served by the ingest function. */
class TrackingScriptTest {
    private final TrackingScript script = TrackingScript.fromClassPath();

    @Test
    void servesTheMinifiedSnippetAsJavaScriptThatCachesForFiveMinutes() throws IOException {
        APIGatewayV2HTTPResponse response = script.response(get(Map.of()));

        assertEquals(200, response.getStatusCode());
        assertEquals("application/javascript; charset=utf-8", response.getHeaders().get("content-type"));
        assertEquals("public, max-age=300", response.getHeaders().get("cache-control"));
        assertEquals("nosniff", response.getHeaders().get("x-content-type-options"));
        assertEquals(minified(), response.getBody());
        assertTrue(response.getBody().contains("/v1/events?writeKey="), "the snippet itself");
        assertTrue(response.getBody().getBytes(StandardCharsets.UTF_8).length < 5120, "under 5 KB");
    }

    @Test
    void answersARevalidationOfTheSameVersionWithNotModified() {
        String etag = script.response(get(Map.of())).getHeaders().get("etag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);

        for (String tags : new String[] {etag, "W/" + etag, "\"older\", " + etag}) {
            APIGatewayV2HTTPResponse response = script.response(get(Map.of("if-none-match", tags)));
            assertEquals(304, response.getStatusCode(), tags);
            assertNull(response.getBody());
            assertEquals(etag, response.getHeaders().get("etag"));
            assertEquals("public, max-age=300", response.getHeaders().get("cache-control"));
        }
        assertEquals(200, script.response(get(Map.of("if-none-match", "\"older\""))).getStatusCode());
    }

    @Test
    void theIngestFunctionServesItOnItsGetRoute() throws IOException {
        LocalDynamoDb.shared().freshTables();
        IngestHandler handler = new IngestHandler(new Environment(new HashMap<>(LocalFunctions.environment("IngestFunction"))));

        APIGatewayV2HTTPResponse response = handler.handleRequest(get(Map.of("origin", "https://www.acme.example")), null);

        assertEquals(200, response.getStatusCode());
        assertEquals(minified(), response.getBody());
        assertNull(response.getHeaders().get("access-control-allow-origin"), "a script tag needs no CORS");
    }

    /** A GET as API Gateway delivers it. */
    private static APIGatewayV2HTTPEvent get(Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /v1/track.js")
                .withRawPath("/v1/track.js").withHeaders(new HashMap<>(headers))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(
                        APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").build()).build())
                .build();
    }

    /** The committed build of web/src/track.js. */
    private static String minified() throws IOException {
        return Files.readString(Path.of("../../web/src/main/resources/io/leadscore/web/track.min.js"));
    }
}
