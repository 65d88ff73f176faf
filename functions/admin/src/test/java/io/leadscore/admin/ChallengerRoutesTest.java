package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ChallengeStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.ShadowScoring;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.challenger.Challenge;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.revision.ModelRevision;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The challenger routes fed with the samples in events/admin, on DynamoDB Local: revision 1 (sales-ready at 30) is
 * published, revision 2 (sales-ready at 10) challenges it.
 */
class ChallengerRoutesTest {
    private static final String START = "../../events/admin/start-challenger.json";
    private static final String STOP = "../../events/admin/stop-challenger.json";
    private static final String REPORT = "../../events/admin/challenger-report.json";
    private static final String PUBLISH = "../../events/admin/publish-revision.json";
    private static final String FEEDBACK = "../../events/admin/lead-feedback.json";
    private static final String CALLER = "arn:aws:iam::123456789012:user/marketing-ops";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private AdminHandler handler;
    private ModelStore models;
    private ChallengeStore challenges;
    private String table;

    @BeforeEach
    void revisionTwoDrafted() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("AdminFunction"));
        env.put("CLOCK_START", NOW.toString());
        handler = new AdminHandler(new Environment(env));
        table = dynamoDb.tableName("LeadScoreTable");
        models = new ModelStore(dynamoDb.client(), table);
        challenges = new ChallengeStore(dynamoDb.client(), table);
        String yaml = ModelSeed.of(null).yaml();
        models.seed("default", new ModelSeed(salesReady(yaml, 30), "test"), NOW);
        models.draft("default", n -> ModelRevision.draft("default", n, salesReady(yaml, 10), CALLER, NOW,
                "sales-ready at 10", null));
    }

    private static String salesReady(String yaml, int points) {
        return yaml.replace("salesReady: { points: 100, rearmBelow: 90 }",
                "salesReady: { points: " + points + ", rearmBelow: " + (points - 5) + " }");
    }

    @Test
    void aStoredRevisionChallengesThePublishedOneUntilStopped() {
        JsonNode started = body(201, handle(START, body("{\"revision\": 2}")));

        assertEquals(2, started.get("revision").asInt());
        assertEquals(CALLER, started.get("startedBy").asText());
        Challenge stored = challenges.challenge("default").orElseThrow();
        assertTrue(stored.running());
        assertEquals(2, stored.revision());
        assertEquals(Instant.parse(started.get("startedAt").asText()), stored.startedAt());
        assertEquals("challenger_running", error(409, "revision", handle(START, body("{\"revision\": 2}"))));

        JsonNode stopped = body(200, handle(STOP, request -> { }));

        assertFalse(stopped.get("endedAt").isNull());
        assertFalse(challenges.challenge("default").orElseThrow().running());
        assertEquals("no_challenger", error(404, "modelId", handle(STOP, request -> { })));
        body(201, handle(START, body("{\"revision\": 2}"))); // a new challenge once the last one ended
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertEquals("revision_published", error(409, "revision", handle(START, body("{\"revision\": 1}"))));
        assertEquals("revision_not_found", error(404, "revision", handle(START, body("{\"revision\": 9}"))));
        assertEquals("invalid_revision", error(400, "revision", handle(START, body("{\"revision\": \"two\"}"))));
        assertEquals("invalid_revision", error(400, "revision", handle(START, body("{\"revision\": 2.5}"))));
        assertEquals("missing_revision", error(400, "revision", handle(START, body("{}"))));
        assertEquals("unknown_field", error(400, "rev", handle(START, body("{\"rev\": 2}"))));
        assertEquals("invalid_json", error(400, "body", handle(START, body("{\"revision\": "))));
        assertEquals("invalid_body", error(400, "body", handle(START, body("[2]"))));
        assertEquals("missing_body", error(400, "body", handle(START, body(""))));
        assertEquals("model_not_found", error(404, "modelId", handle(START, request -> {
            request.getPathParameters().put("modelId", "other");
            request.setBody("{\"revision\": 2}");
        })));
        assertEquals("no_challenger", error(404, "modelId", handle(REPORT, request -> { })));
        body(201, handle(START, body("{\"revision\": 2}")));
        assertEquals("invalid_from", error(400, "from", handle(REPORT, request -> request.setQueryStringParameters(
                Map.of("from", "yesterday")))));
        assertEquals("unknown_parameter", error(400, "since", handle(REPORT, request ->
                request.setQueryStringParameters(Map.of("since", "2026-12-01")))));
        assertTrue(challenges.challenge("default").orElseThrow().running(), "nothing refused changed the challenge");
    }

    @Test
    void publishingTheChallengersRevisionPromotesIt() {
        body(201, handle(START, body("{\"revision\": 2}")));

        body(202, handle(PUBLISH, request -> { }));

        Challenge ended = challenges.challenge("default").orElseThrow();
        assertFalse(ended.running());
        assertTrue(ended.promoted());
        assertEquals(2, models.pointer("default").orElseThrow().published());
        JsonNode report = body(200, handle(REPORT, request -> request.setQueryStringParameters(null)));
        assertTrue(report.at("/challenge/promoted").asBoolean(), "the promoted challenge's report stays readable");
        assertEquals(2, report.at("/revisions/1/revision").asInt());
    }

    /**
     * Leads a and b reach 30 points (both revisions qualify them), c 15 (the challenger alone). Sales accept a and c
     * and reject b; a becomes an opportunity. The champion: 2 MQLs, 1 of 2 decided accepted, 1 converted. The
     * challenger: 3 MQLs, 2 of 3 accepted (the verdicts are shared), 1 converted. (The events are
     * dated before the challenge started, on its day: the report counts by day.)
     */
    @Test
    void theReportComparesBothRevisionsOverTheSamePeriodWithSharedVerdicts() {
        body(201, handle(START, body("{\"revision\": 2}")));
        Instant at = NOW.plus(Duration.ofMinutes(1)); // received after the challenge started: the challenge's events
        Map<String, List<Activity>> events = Map.of("a", views("a", 2, at), "b", views("b", 2, at), "c", views("c", 1, at));
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        LeadStore leads = new LeadStore(dynamoDb.client(), table, clock, Retention.DEFAULT);
        new ScoringRun(leads, models.parsedRevision("default", 1).orElseThrow().model(), clock)
                .apply(new ScoringRun.Group(events, null));
        new ShadowScoring(dynamoDb.client(), table, clock, Retention.DEFAULT, "default").now().orElseThrow()
                .apply(new ScoringRun.Group(events, null));
        verdict("a", "accepted", "crm-a-1");
        verdict("b", "rejected", "crm-b-1");
        verdict("c", "accepted", "crm-c-1");
        verdict("a", "opportunity", "crm-a-2");
        verdict("a", "opportunity", "crm-a-2"); // a CRM's retry: counted once, live and in shadow

        JsonNode report = body(200, handle(REPORT, request -> request.setQueryStringParameters(null)));

        assertEquals("2026-12-01", report.get("from").asText());
        assertEquals("2026-12-01", report.get("to").asText());
        assertEquals(Map.of("role", "champion", "revision", 1, "mqls", 2, "decided", 2, "accepted", 1, "rejected", 1,
                "acceptanceRate", 0.5, "converted", 1, "conversionRate", 0.5), map(report.at("/revisions/0")));
        assertEquals("challenger", report.at("/revisions/1/role").asText());
        assertEquals(3, report.at("/revisions/1/mqls").asInt());
        assertEquals(3, report.at("/revisions/1/decided").asInt());
        assertEquals(2, report.at("/revisions/1/accepted").asInt());
        assertEquals(2.0 / 3, report.at("/revisions/1/acceptanceRate").asDouble(), 1e-9);
        assertEquals(1, report.at("/revisions/1/converted").asInt());
        assertEquals("too few decided MQLs to tell (n < 10): challenger 3, champion 2",
                report.at("/acceptance/statement").asText());
        assertEquals("too few MQLs to tell (n < 10): challenger 3, champion 2",
                report.at("/conversion/statement").asText());
    }

    private static List<Activity> views(String leadId, int count, Instant at) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> new Activity(leadId + "-" + i, "page_view",
                leadId, at.plusSeconds(i), Map.of("url", "https://acme.example/pricing"), "site", at.plusSeconds(i)))
                .toList();
    }

    private void verdict(String leadId, String type, String feedbackId) {
        body(200, handle(FEEDBACK, request -> {
            request.getPathParameters().put("leadId", leadId);
            request.setRawPath("/v1/leads/" + leadId + "/feedback");
            request.setBody("{\"type\": \"" + type + "\", \"reason\": \"fit\", \"rep\": \"sam@acme.example\","
                    + " \"at\": \"2026-12-01T12:02:00Z\", \"feedbackId\": \"" + feedbackId + "\"}");
        }));
    }

    private static Consumer<APIGatewayV2HTTPEvent> body(String body) {
        return request -> request.setBody(body);
    }

    private APIGatewayV2HTTPResponse handle(String sample, Consumer<APIGatewayV2HTTPEvent> change) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(sample);
        request.setPathParameters(new HashMap<>(request.getPathParameters()));
        change.accept(request);
        return handler.handleRequest(request, null);
    }

    private static String error(int status, String field, APIGatewayV2HTTPResponse response) {
        JsonNode error = body(status, response).get("error");
        assertEquals(field, error.get("field").asText(), error.toString());
        return error.get("code").asText();
    }

    private static JsonNode body(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }
}
