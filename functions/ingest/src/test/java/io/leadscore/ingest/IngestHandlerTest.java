package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.LeadErasure;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingest handler fed with the sample requests in events/ingest, on DynamoDB Local. */
class IngestHandlerTest {
    static final String SAMPLE_KEY = "wk_sample_acme_site";
    /** The sample events are dated 2026-11-23; the handler's clock is set just after them. */
    static final String SAMPLE_NOW = "2026-11-23T11:00:00Z";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private IngestHandler handler;

    @BeforeEach
    void freshTableAndSite() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("IngestFunction"));
        env.put("CLOCK_START", SAMPLE_NOW);
        handler = new IngestHandler(new Environment(env));
        new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .register("acme-site", SAMPLE_KEY);
    }

    @ParameterizedTest
    @Event(value = "../../events/ingest/post-single-event.json", type = APIGatewayV2HTTPEvent.class)
    void recordsAnEventOnceAndReportsTheRetryAsDuplicate(APIGatewayV2HTTPEvent request) {
        JsonNode first = body(assertStatus(202, handler.handleRequest(request, null)));
        assertEquals("accepted", first.at("/results/0/status").asText());
        assertEquals("evt-0001", first.at("/results/0/eventId").asText());

        JsonNode retry = body(assertStatus(202, handler.handleRequest(request, null)));
        assertEquals("duplicate", retry.at("/results/0/status").asText());
        assertEquals(0, retry.get("accepted").asInt());
        assertEquals(1, activities().size(), "a retried POST stores nothing new");
        Map<String, AttributeValue> stored = activities().get(0);
        assertEquals("LEAD#lead-42", stored.get("pk").s());
        assertEquals("ACT#evt-0001", stored.get("sk").s());
        assertEquals("acme-site", stored.get("siteId").s());
        assertEquals("https://acme.example/pricing", stored.get("properties").m().get("url").s());
    }

    @ParameterizedTest
    @Event(value = "../../events/ingest/post-batch.json", type = APIGatewayV2HTTPEvent.class)
    void recordsABatchWithAnonymousVisitors(APIGatewayV2HTTPEvent request) {
        JsonNode body = body(assertStatus(202, handler.handleRequest(request, null)));
        assertEquals(3, body.get("accepted").asInt());
        assertTrue(activities().stream().anyMatch(item -> item.get("leadId").s().equals("anon:v-7f3a")));
    }

    /** Time on page as track.js sends it when the page is hidden: a text/plain beacon, the key in the query. */
    @ParameterizedTest
    @Event(value = "../../events/ingest/post-page-engaged-beacon.json", type = APIGatewayV2HTTPEvent.class)
    void recordsTimeOnPageWithItsUrlAndWholeSeconds(APIGatewayV2HTTPEvent request) {
        JsonNode body = body(assertStatus(202, handler.handleRequest(request, null)));
        assertEquals("accepted", body.at("/results/0/status").asText(), body.toString());

        Map<String, AttributeValue> properties = activities().get(0).get("properties").m();
        assertEquals("page_engaged", activities().get(0).get("type").s());
        assertEquals("https://acme.example/pricing", properties.get("url").s());
        assertEquals("45", properties.get("seconds").n(), "a number, for rules such as seconds: {atLeast: 30}");
    }

    @ParameterizedTest
    @Event(value = "../../events/ingest/post-batch-partly-invalid.json", type = APIGatewayV2HTTPEvent.class)
    void acceptsTheValidEventsOfABatchAndNamesWhatIsWrongWithTheOthers(APIGatewayV2HTTPEvent request) {
        JsonNode body = body(assertStatus(202, handler.handleRequest(request, null)));
        assertEquals(1, body.get("accepted").asInt());
        assertEquals(2, body.get("rejected").asInt());
        assertEquals("events[1].timestamp", body.at("/results/1/errors/0/field").asText());
        assertTrue(body.at("/results/1/errors/0/problem").asText().contains("in the future"));
        assertEquals("events[2].type", body.at("/results/2/errors/0/field").asText());
        assertTrue(body.at("/results/2/errors/0/problem").asText().contains("page_view"), "lists the known types");
        assertEquals(1, activities().size());
    }

    @ParameterizedTest
    @Event(value = "../../events/ingest/post-malformed-json.json", type = APIGatewayV2HTTPEvent.class)
    void refusesMalformedJson(APIGatewayV2HTTPEvent request) {
        assertError(400, "invalid_json", "(body)", handler.handleRequest(request, null));
        assertEquals(0, activities().size());
    }

    @ParameterizedTest
    @Event(value = "../../events/ingest/post-unknown-write-key.json", type = APIGatewayV2HTTPEvent.class)
    void refusesAnUnknownWriteKey(APIGatewayV2HTTPEvent request) {
        assertError(401, "invalid_write_key", "x-write-key", handler.handleRequest(request, null));
        assertEquals(0, activities().size());
    }

    @Test
    void acceptsPagesOnlyFromTheOriginsTheKeyAllows() {
        new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .register("www", "wk_browser", List.of("https://www.acme.example"));
        var fromTheSite = post(event("lead-1", "2026-11-23T10:00:00Z"));
        fromTheSite.getHeaders().putAll(Map.of("x-write-key", "wk_browser", "origin", "https://www.acme.example"));
        var elsewhere = post(event("lead-2", "2026-11-23T10:00:00Z"));
        elsewhere.getHeaders().putAll(Map.of("x-write-key", "wk_browser", "origin", "https://evil.example"));

        var accepted = assertStatus(202, handler.handleRequest(fromTheSite, null));
        assertEquals("https://www.acme.example", accepted.getHeaders().get("access-control-allow-origin"));
        assertError(403, "origin_not_allowed", "origin", handler.handleRequest(elsewhere, null));
        assertEquals(1, activities().size(), "nothing stored from the other origin");
    }

    @Test
    void aKeyWithoutOriginsServesServersButNoBrowser() {
        var fromABrowser = post(event("lead-1", "2026-11-23T10:00:00Z"));
        fromABrowser.getHeaders().put("origin", "https://www.acme.example");
        assertError(403, "origin_not_allowed", "origin", handler.handleRequest(fromABrowser, null));
        assertStatus(202, handler.handleRequest(post(event("lead-1", "2026-11-23T10:00:00Z")), null));
    }

    @Test
    void answersTheBrowsersPreflight() {
        var preflight = post("");
        preflight.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("OPTIONS").build()).build());
        preflight.getHeaders().put("origin", "https://www.acme.example");

        var response = handler.handleRequest(preflight, null);

        assertEquals(204, response.getStatusCode());
        assertEquals("https://www.acme.example", response.getHeaders().get("access-control-allow-origin"));
        assertEquals("content-type, x-write-key", response.getHeaders().get("access-control-allow-headers"));
    }

    @Test
    void refusesAMissingWriteKey() {
        var request = post("{}");
        request.getHeaders().remove("x-write-key");
        assertError(401, "missing_write_key", "x-write-key", handler.handleRequest(request, null));
    }

    @Test
    void refusesOtherContentTypes() {
        var request = post("{}");
        request.getHeaders().put("content-type", "application/x-www-form-urlencoded");
        assertError(415, "unsupported_media_type", "content-type", handler.handleRequest(request, null));
    }

    @Test
    void refusesAnOversizedBody() {
        String huge = "{\"events\": [" + ("{\"type\": \"page_view\"},".repeat(12_000)) + "{}]}";
        assertError(413, "body_too_large", "(body)", handler.handleRequest(post(huge), null));
    }

    @Test
    void refusesBatchesOfMoreThanAHundredEvents() {
        String events = String.join(",", java.util.Collections.nCopies(101, event("lead-1", "2026-11-23T10:00:00Z")));
        assertError(400, "invalid_batch_size", "events", handler.handleRequest(post("{\"events\": [" + events + "]}"), null));
    }

    @Test
    void refusesWrongTypesWithTheFieldNamed() {
        JsonNode body = body(assertStatus(400, handler.handleRequest(post(
                "{\"type\": \"page_view\", \"leadId\": 42, \"timestamp\": \"2026-11-23T10:00:00Z\","
                        + " \"properties\": {\"url\": \"https://acme.example/\"}}"), null)));
        assertEquals("leadId", body.at("/results/0/errors/0/field").asText());
        assertEquals("must be a string, not number", body.at("/results/0/errors/0/problem").asText());
        assertEquals("invalid_events", body.at("/error/code").asText());
        assertEquals(0, activities().size());
    }

    @Test
    void logsARejectedEventWithItsIdsForTracingAndNoAddressInTheClear() {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            handler.handleRequest(post("{\"eventId\": \"evt-77\", \"type\": \"page_view\", \"leadId\":"
                    + " \"kim@acme.example\", \"timestamp\": \"soon\", \"properties\": {\"url\": \"https://x.example/\"}}"),
                    null);
        } finally {
            System.setOut(out);
        }
        String line = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("event rejected")).findFirst().orElseThrow();
        assertTrue(line.contains("\"eventId\":\"evt-77\"") && line.contains("\"leadId\":\"k***@acme.example\""), line);
        assertTrue(line.contains("timestamp"), "says what was wrong: " + line);
    }

    @Test
    void refusesATimestampFarInTheFuture() {
        JsonNode body = body(assertStatus(400, handler.handleRequest(post(event("lead-1", "2027-06-01T00:00:00Z")),
                null)));
        assertEquals("timestamp", body.at("/results/0/errors/0/field").asText());
        assertEquals(0, activities().size());
    }

    @Test
    void recognisesARetriedEventThatCameWithoutAnId() {
        String event = event("lead-1", "2026-11-23T10:00:00Z");
        assertEquals("accepted", body(handler.handleRequest(post(event), null)).at("/results/0/status").asText());
        assertEquals("duplicate", body(handler.handleRequest(post(event), null)).at("/results/0/status").asText());
        assertEquals(1, activities().size());
    }

    /** The template's RetentionDays (730) from the event's time, in epoch seconds: the table's TTL deletes it then. */
    @Test
    void anActivityExpiresTheRetentionAfterItHappened() {
        assertEquals("accepted", body(handler.handleRequest(post(event("lead-1", "2026-11-23T10:00:00Z")), null))
                .at("/results/0/status").asText());

        assertEquals(Instant.parse("2028-11-22T10:00:00Z").getEpochSecond(),
                Long.parseLong(activities().get(0).get("expiresAt").n()));
    }

    /** An event accepted at the age limit would be recorded already expired, and gone before it is scored. */
    @Test
    void refusesToStartWithARetentionNoLongerThanTheOldestEventAccepted() {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("IngestFunction"));
        env.put("MAX_EVENT_AGE_DAYS", "400");
        env.put("RETENTION_DAYS", "400");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new IngestHandler(new Environment(env)));
        assertEquals("retention (400 days) must be longer than the oldest event accepted (400 days)", refused.getMessage());
        env.put("RETENTION_DAYS", "401");
        new IngestHandler(new Environment(env));
    }

    @Test
    void refusesAnErasedLeadsLateEventUnlessErasedLeadsMayStartAgain() {
        String event = event("lead-1", "2026-11-23T10:00:00Z");
        assertStatus(202, handler.handleRequest(post(event), null));
        new LeadErasure(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .erase("lead-1", ModelLoader.defaultModel().accounts()).orElseThrow();
        assertEquals(0, activities().size());

        JsonNode refused = body(assertStatus(400, handler.handleRequest(post(event), null)));
        assertEquals("leadId", refused.at("/results/0/errors/0/field").asText(), refused.toString());
        assertEquals(List.of(), activities(), "nothing of an erased lead is recorded, not even a rate counter");
        assertEquals(0, dynamoDb.client().scan(ScanRequest.builder().tableName(dynamoDb.tableName("LeadScoreTable"))
                .filterExpression("pk = :lead").expressionAttributeValues(Map.of(":lead",
                        AttributeValue.fromS("LEAD#lead-1"))).build()).count());

        Map<String, String> env = new HashMap<>(LocalFunctions.environment("IngestFunction"));
        env.put("CLOCK_START", SAMPLE_NOW);
        env.put("RECREATE_ERASED_LEADS", "true");
        JsonNode accepted = body(assertStatus(202, new IngestHandler(new Environment(env))
                .handleRequest(post(event), null)));
        assertEquals("accepted", accepted.at("/results/0/status").asText());
    }

    @Test
    void refusesABatchWithOtherTopLevelFields() {
        assertError(400, "invalid_body", "sentAt", handler.handleRequest(post("{\"events\": [], \"sentAt\": 1}"), null));
    }

    private static String event(String leadId, String timestamp) {
        return "{\"type\": \"page_view\", \"leadId\": \"" + leadId + "\", \"timestamp\": \"" + timestamp
                + "\", \"properties\": {\"url\": \"https://acme.example/pricing\"}}";
    }

    private static APIGatewayV2HTTPEvent post(String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /v1/events").withRawPath("/v1/events")
                .withHeaders(new HashMap<>(Map.of("content-type", "application/json", "x-write-key", SAMPLE_KEY)))
                .withBody(body).withIsBase64Encoded(false).build();
    }

    private List<Map<String, AttributeValue>> activities() {
        return storedActivities(dynamoDb);
    }

    /** Every activity item in the table. */
    static List<Map<String, AttributeValue>> storedActivities(LocalDynamoDb dynamoDb) {
        return dynamoDb.client().scan(ScanRequest.builder().tableName(dynamoDb.tableName("LeadScoreTable"))
                        .filterExpression("kind = :activity")
                        .expressionAttributeValues(Map.of(":activity", AttributeValue.fromS("activity"))).build())
                .items();
    }

    static APIGatewayV2HTTPResponse assertStatus(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
        return response;
    }

    static void assertError(int status, String code, String field, APIGatewayV2HTTPResponse response) {
        JsonNode error = body(assertStatus(status, response)).get("error");
        assertEquals(code, error.get("code").asText(), response.getBody());
        assertEquals(field, error.get("field").asText(), response.getBody());
        assertTrue(error.get("message").asText().length() > 10, "the message says what to do");
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }
}
