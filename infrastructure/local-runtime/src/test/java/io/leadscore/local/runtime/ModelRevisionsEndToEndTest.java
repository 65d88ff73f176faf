package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's lifecycle as a marketer drives it over HTTP through the local runtime: the seeded revision listed, a
 * YAML drafted with the admin key, shown back, compared as CSV; and, published, scoring the next events with no
 * restart. The admin routes are served from template.yaml, with the admin key standing in for IAM.
 */
class ModelRevisionsEndToEndTest {
    private static final String REVISIONS = "/v1/models/default/revisions";
    private static final String LOCAL_ADMIN = "arn:aws:iam::000000000000:user/local-admin";
    private static LocalRuntime runtime;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void draftListShowCompareAndScoreWithAPublishedRevision() throws Exception {
        assertTrue(LocalRuntime.banner(runtime).contains("default@1 published, of 1 revision"),
                LocalRuntime.banner(runtime));
        JsonNode seeded = json(send(get(REVISIONS)), 200);
        assertEquals(1, seeded.get("revisions").size(), "the runtime seeded revision 1 at start");
        assertEquals("leadscore seed (default-model.yaml)", seeded.at("/revisions/0/author").asText());

        String yaml = ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: 40\n");
        HttpResponse<String> drafted = send(admin(REVISIONS).header("content-type", "application/yaml")
                .header("x-notes", "Q1 review: pricing visits matter more")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)));
        assertEquals(2, json(drafted, 201).get("number").asInt());
        assertEquals(REVISIONS + "/2", drafted.headers().firstValue("location").orElseThrow());

        JsonNode list = json(send(get(REVISIONS)), 200);
        assertEquals(2, list.get("latest").asInt());
        assertEquals(1, list.get("published").asInt(), "a draft is not published");
        assertEquals(LOCAL_ADMIN, list.at("/revisions/1/author").asText(), "locally, the admin key's caller");
        assertEquals("Q1 review: pricing visits matter more", list.at("/revisions/1/notes").asText());

        HttpResponse<String> shown = send(get(REVISIONS + "/2?format=yaml"));
        assertEquals(200, shown.statusCode(), shown.body());
        assertEquals("application/yaml", shown.headers().firstValue("content-type").orElseThrow());
        assertEquals(yaml, shown.body());

        HttpResponse<String> csv = send(get("/v1/models/default/compare?from=1&to=2&format=csv"));
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("content-type").orElseThrow());
        List<String> rows = List.of(csv.body().split("\r\n"));
        assertEquals("\uFEFFsection,key,label,r1,r2,notes r1,notes r2", rows.get(0));
        String pricing = rows.stream().filter(row -> row.startsWith("rule,rule:pricing-page,")).findFirst()
                .orElseThrow(() -> new AssertionError(csv.body()));
        assertTrue(pricing.contains("40") && pricing.contains(" *"), pricing);
        System.out.println("[compare] revisions 1 and 2 as CSV:\n" + csv.body());

        // No publish route yet: the pointer moves as the publish job will move it. The running score function
        // scores the next event with revision 2.
        new ModelStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"))
                .publish("default", 2, LOCAL_ADMIN, Instant.now());
        String event = "{\"eventId\": \"rev-e2e-1\", \"type\": \"page_view\", \"leadId\": \"rev-e2e-lead\","
                + " \"timestamp\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\", \"properties\": {\"url\": \"https://acme.example/pricing\"}}";
        assertEquals(202, send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                .header("content-type", "application/json").header("x-write-key", runtime.options().writeKey())
                .POST(HttpRequest.BodyPublishers.ofString(event))).statusCode());
        runtime.awaitStreams(Duration.ofSeconds(20));
        JsonNode lead = json(send(get("/v1/leads/rev-e2e-lead")), 200);
        assertEquals(40, lead.get("score").asInt());
        assertEquals("default@2", lead.at("/recentLedger/0/model").asText(), "the ledger names the revision");
        assertEquals(2, json(send(get("/v1/model")), 200).get("version").asInt());
    }

    @Test
    void theAdminApiIsClosedToWriteKeysAndStrangers() throws Exception {
        for (String key : new String[] {runtime.options().writeKey(), null}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(runtime.baseUri().resolve(REVISIONS))
                    .header("content-type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString("model: x"));
            if (key != null) {
                request.header("authorization", "Bearer " + key);
            }
            assertEquals(403, send(request).statusCode());
        }
    }

    @Test
    void aModelFileGivenAtStartIsRevisionOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b2b.yaml");
        Files.writeString(file, ModelSeed.of(null).yaml().replace("notes: The shipped defaults",
                "notes: Our own first model"));
        try (LocalRuntime withModel = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                .withEnvironment(Map.of("MODEL_PATH", file.toString())))) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(withModel.baseUri().resolve(REVISIONS))
                    .header("authorization", "Bearer " + withModel.options().adminKey()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode first = json(list, 200).at("/revisions/0");
            assertEquals("leadscore seed (" + file + ")", first.get("author").asText());
            assertTrue(first.get("notes").asText().startsWith("Our own first model"), first.toString());
        }
    }

    private static HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("authorization", "Bearer " + runtime.options().adminKey());
    }

    private static HttpRequest.Builder get(String path) {
        return admin(path).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }
}
