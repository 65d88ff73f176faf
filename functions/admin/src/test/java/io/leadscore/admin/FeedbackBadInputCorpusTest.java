package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
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
import java.nio.file.Files;
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
 * The bad requests of {@code bad-input/feedback-requests.json} against a real admin handler on DynamoDB Local: each
 * gets a JSON answer naming the field at fault, never a 5xx or an exception, and changes nothing; afterwards a good
 * verdict is still applied.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedbackBadInputCorpusTest {
    private static final String RESOURCE = "/bad-input/feedback-requests.json";
    private static final Map<String, String> SAMPLES = Map.of("lead", "../../events/admin/lead-feedback.json",
            "batch", "../../events/admin/feedback-batch.json");
    private static final List<Case> CORPUS = load();

    record Case(String name, String route, boolean iam, String leadId, String body, int status, String code,
                String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final Map<Integer, Integer> answered = new TreeMap<>();
    private AdminHandler handler;
    private LeadStore leads;
    private Lead scored;

    @BeforeAll
    void aScoredLead() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("AdminFunction"));
        env.put("CLOCK_START", "2026-11-23T11:00:00Z");
        handler = new AdminHandler(new Environment(env));
        leads = ScoredLead.dana(dynamoDb);
        scored = leads.lead("dana").orElseThrow();
    }

    static Stream<Case> corpus() {
        return CORPUS.stream();
    }

    @Test
    @Order(0)
    void holdsTheBadRequests() throws IOException {
        assertTrue(CORPUS.size() >= 30, "the corpus holds " + CORPUS.size() + " requests");
        assertTrue(Files.readString(SamTemplate.locate().getParent().resolve("README.md"))
                .contains(CORPUS.size() + " feedback requests"), "README.md counts the feedback corpus right: "
                + CORPUS.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(1)
    void answersEachBadRequestNamingTheFieldAndChangesNothing(Case bad) {
        APIGatewayV2HTTPResponse response = assertDoesNotThrow(() -> handler.handleRequest(request(bad), null),
                "the handler must answer, not throw");
        answered.merge(response.getStatusCode(), 1, Integer::sum);
        assertEquals(bad.status(), response.getStatusCode(), response.getBody());
        JsonNode body = json(response);
        if (bad.status() == 200) {
            assertEquals(bad.code(), body.at("/results/0/status").asText(), body.toString());
            assertEquals(bad.field(), body.at("/results/0/errors/0/field").asText(), body.toString());
            assertTrue(body.at("/results/0/errors/0/problem").asText().length() >= 10, body.toString());
        } else {
            JsonNode error = body.get("error");
            assertEquals(bad.code(), error.path("code").asText(null), error.toString());
            assertEquals(bad.field(), error.path("field").asText(null), error.toString());
            assertTrue(error.path("message").asText().length() >= 10, "the message explains: " + error);
        }
        assertEquals(scored, leads.lead("dana").orElseThrow(), "nothing was applied");
    }

    @Test
    @Order(2)
    void stillAppliesAGoodVerdictAfterTheWholeCorpus() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent(
                SAMPLES.get("lead")), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("applied", json(response).get("status").asText());
    }

    @AfterAll
    void reportTheAnswers() {
        System.out.println("feedback bad-input corpus: " + CORPUS.size() + " requests, answered " + answered);
    }

    private static APIGatewayV2HTTPEvent request(Case bad) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(SAMPLES.get(bad.route()));
        if (!bad.iam()) {
            request.getRequestContext().setAuthorizer(null);
        }
        if (bad.route().equals("lead")) {
            Map<String, String> path = new HashMap<>();
            path.put("leadId", bad.leadId());
            request.setPathParameters(bad.leadId() == null ? null : path);
        }
        request.setBody(bad.body());
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
        try (InputStream in = FeedbackBadInputCorpusTest.class.getResourceAsStream(RESOURCE)) {
            ObjectMapper mapper = new ObjectMapper();
            List<Case> cases = new ArrayList<>();
            for (JsonNode entry : mapper.readTree(in).get("cases")) {
                String body = entry.has("text") ? entry.get("text").asText()
                        .replace("@@", entry.path("fill").asText("").repeat(entry.path("repeat").asInt(0)))
                        : mapper.writeValueAsString(entry.get("json"));
                JsonNode expect = entry.get("expect");
                cases.add(new Case(entry.get("name").asText(), entry.get("route").asText(),
                        entry.path("iam").asBoolean(true), entry.path("leadId").asText(null), body,
                        expect.get("status").asInt(), expect.get("code").asText(), expect.get("field").asText()));
            }
            return List.copyOf(cases);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
