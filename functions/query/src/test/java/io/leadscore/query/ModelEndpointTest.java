package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.ModelRevision;
import io.leadscore.support.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/model, and the handler's answer to a route it does not serve. */
class ModelEndpointTest {
    private static final String SAMPLE_REQUEST = "../../events/query/get-lead.json";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;

    @BeforeEach
    void handler() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
    }

    @Test
    void describesTheModelInForce() throws IOException {
        JsonNode model = body(200, handler.handleRequest(request("GET /v1/model", "/v1/model"), null));

        assertEquals("default", model.get("id").asText());
        assertEquals(1, model.get("version").asInt());
        assertEquals(Sha256.hex(defaultModelText()), model.get("sha256").asText(), "the hash of the text that was parsed");
        assertEquals("salesReady", model.at("/thresholds/0/name").asText());
        assertEquals(100, model.at("/thresholds/0/points").asInt());
        assertEquals(90, model.at("/thresholds/0/rearmBelow").asInt());
        assertEquals("hot", model.at("/thresholds/1/name").asText());
        assertEquals("platform", model.at("/groups/0/id").asText());
        assertEquals("Platform", model.at("/groups/0/name").asText());
        assertEquals(80, model.at("/groups/0/thresholds/0/points").asInt());
        JsonNode pricing = model.at("/rules/0");
        assertEquals("pricing-page", pricing.get("id").asText());
        assertEquals("Viewed the pricing page", pricing.get("description").asText());
        assertEquals("ENGAGEMENT", pricing.get("kind").asText());
        assertEquals("platform", pricing.get("group").asText());
        assertEquals(15, pricing.get("points").asInt());
        assertEquals("page_view", pricing.get("event").asText());
        assertEquals("at most 3 times per day", pricing.get("cap").asText());
        assertEquals("decision", pricing.get("journey").asText());
        assertEquals("[\"awareness\",\"consideration\",\"decision\"]", model.get("journey").toString());
        JsonNode lastRule = model.at("/rules/" + (model.get("rules").size() - 1));
        assertEquals("free-mail", lastRule.get("id").asText());
        assertEquals("FIT", lastRule.get("kind").asText());
        assertEquals(-5, lastRule.get("points").asInt());
        assertTrue(lastRule.get("journey").isNull(), "fit describes the person, not an interaction");
        assertEquals(ModelLoader.defaultModel().rules().size() + ModelLoader.defaultModel().fitRules().size(),
                model.get("rules").size());
        assertEquals("after 30d without a score increase, 10% every week, never below 50% of sales-ready",
                model.get("decay").asText());
        assertEquals("45d", model.get("coldAfter").asText());
        // Best first, as the leads list's grade filter offers them (in the JSON's order).
        assertEquals("{\"A\":40,\"B\":30,\"C\":20,\"D\":10}", model.get("grades").toString());
    }

    /**
     * MODEL_PATH's file seeds revision 1 of the model MODEL_ID names; the version is the revision's number, whatever
     * the file's {@code version:} says (a stored revision is numbered by the store).
     */
    @Test
    void describesTheRevisionSeededFromModelPath(@TempDir Path dir) throws IOException {
        Path custom = dir.resolve("acme.yaml");
        Files.writeString(custom, defaultModelText().replace("model: default", "model: acme")
                .replace("version: 1", "version: 7"));
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("QueryFunction"));
        env.put("MODEL_PATH", custom.toString());
        env.put("MODEL_ID", "acme");
        JsonNode model = body(200, new QueryHandler(new Environment(env))
                .handleRequest(request("GET /v1/model", "/v1/model"), null));
        assertEquals("acme", model.get("id").asText());
        assertEquals(1, model.get("version").asInt(), "revision 1, though the file says version: 7");
        assertEquals(Sha256.hex(Files.readString(custom)), model.get("sha256").asText());
    }

    /** The running function shows a publish within 30 s of its clock (here a clock 1,000 times fast: 30 ms). */
    @Test
    void describesTheRevisionPublishedSinceWithoutARestart() throws InterruptedException {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("QueryFunction"));
        env.put("CLOCK_SPEED", "1000");
        QueryHandler running = new QueryHandler(new Environment(env));
        assertEquals(1, body(200, running.handleRequest(request("GET /v1/model", "/v1/model"), null))
                .get("version").asInt());
        ModelStore models = new ModelStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
        Instant now = Instant.now();
        ModelRevision second = models.draft("default", n -> ModelRevision.draft("default", n,
                ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: 40\n"),
                "arn:aws:iam::123456789012:user/marketing-ops", now, "pricing up", null));
        models.publish("default", second.number(), "arn:aws:iam::123456789012:user/marketing-ops", now);

        Thread.sleep(PublishedModel.RECHECK_AFTER.toMillis() / 1000 + 20);
        JsonNode model = body(200, running.handleRequest(request("GET /v1/model", "/v1/model"), null));

        assertEquals(2, model.get("version").asInt());
        assertEquals(second.sha256(), model.get("sha256").asText());
        assertEquals(40, model.at("/rules/0/points").asInt());
    }

    @Test
    void refusesCallersWithoutIamAuthentication() {
        APIGatewayV2HTTPEvent request = request("GET /v1/model", "/v1/model");
        request.getRequestContext().setAuthorizer(null);
        assertEquals("forbidden", body(403, handler.handleRequest(request, null)).at("/error/code").asText());
    }

    @Test
    void answersARouteItDoesNotServeWithA404NamingItsRoutes() {
        JsonNode error = body(404, handler.handleRequest(request("GET /v1/nothing", "/v1/nothing"), null)).get("error");
        assertEquals("route_not_found", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("GET /v1/model"), error.toString());
    }

    private static APIGatewayV2HTTPEvent request(String routeKey, String path) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(SAMPLE_REQUEST);
        request.setRouteKey(routeKey);
        request.setRawPath(path);
        request.setPathParameters(null);
        return request;
    }

    private static String defaultModelText() throws IOException {
        try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
