package io.leadscore.query;

import io.leadscore.activity.Retention;
import io.leadscore.scoring.ScoringRun;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad requests of {@code bad-input/query-requests.json} (to a lead's routes: read, export, erase) against a real
 * query handler on DynamoDB Local: each
 * gets a JSON 4xx naming the problem, never a 5xx or an exception; afterwards a good request is still served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryBadInputCorpusTest {
    private static final String RESOURCE = "/bad-input/query-requests.json";
    private static final String SAMPLE_REQUEST = "../../events/query/get-lead.json";
    private static final String LEAD_ROUTE = "GET /v1/leads/{leadId}";
    private static final List<Case> CORPUS = load();

    record Case(String name, String route, boolean iam, String leadId, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final Map<Integer, Integer> answered = new TreeMap<>();
    private QueryHandler handler;

    @BeforeAll
    void aScoredLead() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        ScoringRun scoring = new ScoringRun(new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"),
                Clock.systemUTC(), Retention.DEFAULT), ModelLoader.defaultModel(), Clock.systemUTC());
        scoring.groups(Map.of("lead-42", List.of(new Activity("evt-1", "page_view", "lead-42", at,
                Map.of("url", "https://acme.example/pricing"), "acme-site", at)))).forEach(scoring::apply);
    }

    static Stream<Case> corpus() {
        return CORPUS.stream();
    }

    @Test
    @Order(0)
    void holdsTheBadRequests() throws java.io.IOException {
        assertTrue(CORPUS.size() >= 15, "the corpus holds " + CORPUS.size() + " requests");
        assertTrue(java.nio.file.Files.readString(io.leadscore.local.SamTemplate.locate().getParent().resolve("README.md"))
                .contains(CORPUS.size() + " query requests"), "README.md counts the query corpus right: " + CORPUS.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(1)
    void answersEachBadRequestWithAJsonErrorNamingTheProblem(Case badRequest) {
        check(badRequest);
    }

    @Test
    @Order(2)
    void stillServesTheScoredLeadAfterTheWholeCorpus() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request(LEAD_ROUTE, true, "lead-42"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("lead-42", json(response).path("leadId").asText("lead-42"));
    }

    @AfterAll
    void reportTheAnswers() {
        System.out.println("query bad-input corpus: " + CORPUS.size() + " requests, answered " + answered);
    }

    private void check(Case badRequest) {
        APIGatewayV2HTTPResponse response = assertDoesNotThrow(
                () -> handler.handleRequest(request(badRequest.route(), badRequest.iam(), badRequest.leadId()), null),
                "the handler must answer, not throw");
        answered.merge(response.getStatusCode(), 1, Integer::sum);
        assertEquals(badRequest.status(), response.getStatusCode(), response.getBody());
        JsonNode error = json(response).get("error");
        assertTrue(error != null && error.isObject(), "a 4xx carries {\"error\": {...}}: " + response.getBody());
        assertEquals(badRequest.code(), error.path("code").asText(null), error.toString());
        assertEquals(badRequest.field(), error.path("field").asText(null), error.toString());
        assertTrue(error.path("message").asText().length() >= 10, "the message explains: " + error);
    }

    /** The request of the sample, sent to another of the lead's routes when the case names one. */
    private static APIGatewayV2HTTPEvent request(String route, boolean iam, String leadId) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(SAMPLE_REQUEST);
        request.setRouteKey(route);
        request.getRequestContext().setRouteKey(route);
        request.getRequestContext().getHttp().setMethod(route.substring(0, route.indexOf(' ')));
        if (!iam) {
            request.getRequestContext().setAuthorizer(null);
        }
        if (leadId == null) {
            request.setPathParameters(null);
        } else {
            Map<String, String> path = new HashMap<>();
            path.put("leadId", leadId);
            request.setPathParameters(path);
            request.setRawPath(route.substring(route.indexOf(' ') + 1).replace("{leadId}", leadId));
        }
        return request;
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private static List<Case> load() {
        try (InputStream in = QueryBadInputCorpusTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            List<Case> cases = new ArrayList<>();
            for (JsonNode entry : new ObjectMapper().readTree(in).get("cases")) {
                String leadId = entry.get("leadId").isNull() ? null : entry.get("leadId").asText()
                        .replace("@@", entry.path("text").asText("").repeat(entry.path("repeat").asInt(0)));
                JsonNode expect = entry.get("expect");
                cases.add(new Case(entry.get("name").asText(), entry.path("route").asText(LEAD_ROUTE),
                        entry.path("iam").asBoolean(true), leadId,
                        expect.get("status").asInt(), expect.get("code").asText(), expect.path("field").asText(null)));
            }
            return List.copyOf(cases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
