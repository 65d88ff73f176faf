package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.ingest.IngestHandlerTest.assertError;
import static io.leadscore.ingest.IngestHandlerTest.assertStatus;
import static io.leadscore.ingest.IngestHandlerTest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests as web/src/track.js sends them: navigator.sendBeacon and fetch without custom headers, so the write key
 * comes in the writeKey query parameter and the body as text/plain, from a page of an allowed origin.
 */
class BrowserRequestsTest {
    private static final String KEY = "wk_site_www";
    private static final String SITE = "https://www.acme.example";
    /** What track.js sends for a page view, a form, a video milestone and an identify (its click needs a model type). */
    private static final String SNIPPET_BATCH = """
            {"events":[
             {"eventId":"6f0c1b52-8f7e-4c55-9a55-0c3e5f1d2a01","type":"page_view","timestamp":"2026-11-23T10:00:00.000Z",
              "properties":{"url":"https://www.acme.example/pricing","title":"Pricing","referrer":"https://search.example/"},
              "anonymousId":"0b7d1f6e-3c1a-4e0b-8a8e-5f6d2c9b1a00"},
             {"eventId":"6f0c1b52-8f7e-4c55-9a55-0c3e5f1d2a02","type":"form_submit","timestamp":"2026-11-23T10:00:05.000Z",
              "properties":{"formId":"demo-request","email":"dana@acme.example","url":"https://www.acme.example/pricing"},
              "anonymousId":"0b7d1f6e-3c1a-4e0b-8a8e-5f6d2c9b1a00"},
             {"eventId":"6f0c1b52-8f7e-4c55-9a55-0c3e5f1d2a03","type":"video_progress","timestamp":"2026-11-23T10:00:09.000Z",
              "properties":{"videoId":"product-tour","percent":50,"url":"https://www.acme.example/pricing"},
              "anonymousId":"0b7d1f6e-3c1a-4e0b-8a8e-5f6d2c9b1a00"},
             {"eventId":"6f0c1b52-8f7e-4c55-9a55-0c3e5f1d2a04","type":"identify","timestamp":"2026-11-23T10:00:10.000Z",
              "properties":{"jobTitle":"VP Sales","email":"dana@acme.example","anonymousId":"0b7d1f6e-3c1a-4e0b-8a8e-5f6d2c9b1a00"},
              "leadId":"dana@acme.example"}
            ]}""";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private IngestHandler handler;

    @BeforeEach
    void freshTablesAndSite() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("IngestFunction"));
        env.put("CLOCK_START", IngestHandlerTest.SAMPLE_NOW);
        handler = new IngestHandler(new Environment(env));
        new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .register("www", KEY, List.of(SITE));
    }

    @Test
    void recordsABeaconOfTheSnippet() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(beacon(SNIPPET_BATCH, Map.of("writeKey", KEY)), null);

        JsonNode body = body(assertStatus(202, response));
        assertEquals(4, body.get("accepted").asInt(), body.toString());
        assertEquals(SITE, response.getHeaders().get("access-control-allow-origin"), "fetch may read the answer");
        assertEquals(List.of("LEAD#anon:0b7d1f6e-3c1a-4e0b-8a8e-5f6d2c9b1a00", "LEAD#dana@acme.example"),
                activities().stream().map(item -> item.get("pk").s()).distinct().sorted().toList());

        JsonNode retried = body(handler.handleRequest(beacon(SNIPPET_BATCH, Map.of("writeKey", KEY)), null));
        assertEquals(4, retried.get("duplicates").asInt(), "a retry repeats the event ids: nothing is stored twice");
        assertEquals(4, activities().size());
    }

    @Test
    void readsTextPlainExactlyAsJson() {
        for (String body : List.of(SNIPPET_BATCH, "{\"events\": [", "{\"type\": \"page_view\"}", "[]")) {
            APIGatewayV2HTTPEvent asJson = beacon(body, Map.of("writeKey", KEY));
            asJson.getHeaders().put("content-type", "application/json");
            String json = answerOnFreshTables(asJson).getBody();
            assertEquals(json, answerOnFreshTables(beacon(body, Map.of("writeKey", KEY))).getBody(), body);
        }
    }

    @Test
    void theHeaderWinsOverTheQueryParameter() {
        APIGatewayV2HTTPEvent goodHeader = beacon(SNIPPET_BATCH, Map.of("writeKey", "wk_nobody"));
        goodHeader.getHeaders().put("x-write-key", KEY);
        assertStatus(202, handler.handleRequest(goodHeader, null));

        APIGatewayV2HTTPEvent badHeader = beacon(SNIPPET_BATCH, Map.of("writeKey", KEY));
        badHeader.getHeaders().put("x-write-key", "wk_nobody");
        assertError(401, "invalid_write_key", "x-write-key", handler.handleRequest(badHeader, null));
    }

    @Test
    void aRefusedKeyInTheQueryIsNamedAsSuch() {
        assertError(401, "invalid_write_key", "writeKey",
                handler.handleRequest(beacon(SNIPPET_BATCH, Map.of("writeKey", "wk_nobody")), null));
        assertError(401, "missing_write_key", "x-write-key", handler.handleRequest(beacon(SNIPPET_BATCH, Map.of()), null));
        assertEquals(0, activities().size());
    }

    @Test
    void theKeysOriginsStillApply() {
        APIGatewayV2HTTPEvent elsewhere = beacon(SNIPPET_BATCH, Map.of("writeKey", KEY));
        elsewhere.getHeaders().put("origin", "https://evil.example");
        assertError(403, "origin_not_allowed", "origin", handler.handleRequest(elsewhere, null));
        assertEquals(0, activities().size());
    }

    /** The browser key is in every page: it is taken only from its pages, and a server key only from servers. */
    @Test
    void aBrowserKeyNeedsItsPagesOriginAndAServerKeyIsNeverSentFromABrowser() {
        APIGatewayV2HTTPEvent fromAServer = beacon(SNIPPET_BATCH, Map.of("writeKey", KEY));
        fromAServer.getHeaders().remove("origin");
        assertError(403, "origin_not_allowed", "origin", handler.handleRequest(fromAServer, null));

        new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .register("www", "wk_server_side");
        assertError(403, "origin_not_allowed", "origin",
                handler.handleRequest(beacon(SNIPPET_BATCH, Map.of("writeKey", "wk_server_side")), null));
        assertEquals(0, activities().size());
        APIGatewayV2HTTPEvent server = beacon(SNIPPET_BATCH, Map.of("writeKey", "wk_server_side"));
        server.getHeaders().remove("origin");
        assertStatus(202, handler.handleRequest(server, null));
    }

    /** What anyone could send with a key read from a page: no profile rewrite, no account or owner. */
    @Test
    void aBrowserKeyTakesBehaviourAndIdentityButNotTheCrmsFacts() {
        String events = """
                {"events": [
                 {"eventId": "b-1", "type": "profile_update", "leadId": "dana@acme.example", "timestamp": "2026-11-23T10:00:00Z",
                  "properties": {"jobTitle": "CEO"}},
                 {"eventId": "b-2", "type": "identify", "leadId": "dana@acme.example", "timestamp": "2026-11-23T10:00:01Z",
                  "properties": {"email": "dana@acme.example", "accountId": "globex", "accountOwner": "eve@sales.example"}},
                 {"eventId": "b-3", "type": "identify", "leadId": "dana@acme.example", "timestamp": "2026-11-23T10:00:02Z",
                  "properties": {"email": "dana@acme.example", "jobTitle": "VP Sales"}}
                ]}""";
        JsonNode body = body(assertStatus(202, handler.handleRequest(beacon(events, Map.of("writeKey", KEY)), null)));

        assertEquals("events[0].type", body.at("/results/0/errors/0/field").asText(), body.toString());
        assertTrue(body.at("/results/0/errors/0/problem").asText().contains("only with a server key"));
        assertEquals(List.of("events[1].properties.accountId", "events[1].properties.accountOwner"),
                List.of(body.at("/results/1/errors/0/field").asText(), body.at("/results/1/errors/1/field").asText()));
        assertEquals("accepted", body.at("/results/2/status").asText(), "the visitor's own identity and traits");
        assertEquals(1, activities().size());
    }

    private APIGatewayV2HTTPResponse answerOnFreshTables(APIGatewayV2HTTPEvent request) {
        freshTablesAndSite();
        return handler.handleRequest(request, null);
    }

    /** A POST as a browser's sendBeacon makes it: a string body, hence text/plain, and no custom header. */
    private static APIGatewayV2HTTPEvent beacon(String body, Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0")
                .withRouteKey("POST /v1/events").withRawPath("/v1/events")
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(new HashMap<>(Map.of("content-type", "text/plain;charset=UTF-8", "origin", SITE)))
                .withBody(body).withIsBase64Encoded(false).build();
    }

    private List<Map<String, AttributeValue>> activities() {
        return IngestHandlerTest.storedActivities(dynamoDb);
    }
}
