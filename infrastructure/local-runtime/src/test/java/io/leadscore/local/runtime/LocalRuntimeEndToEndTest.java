package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
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
 * The system as a user meets it: the local runtime started from template.yaml, events POSTed over HTTP,
 * the stream carrying them to the score function, and the explained score read back over HTTP. And the model's
 * lifecycle as a marketer drives it: the seeded revision listed, a YAML drafted with the admin key, shown back,
 * compared as CSV, and, published, scoring the next events with no restart; the admin routes are served from
 * template.yaml, with the admin key standing in for IAM.
 */
class LocalRuntimeEndToEndTest {
    private static final String REVISIONS = "/v1/models/default/revisions";
    private static final String LOCAL_ADMIN = "arn:aws:iam::000000000000:user/local-admin";
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));
    private static final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        BusSchemas.assertConform(runtime.bus().published());
    }

    @Test
    void postedEventsComeBackAsAnExplainedScore() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String events = """
                {"events": [
                  {"eventId": "e2e-1", "type": "page_view", "leadId": "e2e-lead", "timestamp": "%1$s",
                   "properties": {"url": "https://acme.example/pricing"}},
                  {"eventId": "e2e-2", "type": "identify", "leadId": "e2e-lead", "timestamp": "%2$s",
                   "properties": {"email": "kim@acme.example", "jobTitle": "Head of Data", "country": "DE"}},
                  {"eventId": "e2e-3", "type": "form_submit", "leadId": "e2e-lead", "timestamp": "%3$s",
                   "properties": {"formId": "whitepaper-data-mesh"}}
                ]}""".formatted(now.minusSeconds(30), now.minusSeconds(20), now.minusSeconds(10));

        HttpResponse<String> posted = post(events);
        assertEquals(202, posted.statusCode(), posted.body());
        assertEquals(3, json(posted).get("accepted").asInt());
        HttpResponse<String> retried = post(events);
        assertEquals(3, json(retried).get("duplicates").asInt(), "a retried POST is reported as duplicates");

        runtime.awaitStreams(Duration.ofSeconds(20));

        HttpResponse<String> read = get("/v1/leads/e2e-lead", runtime.options().adminKey());
        assertEquals(200, read.statusCode(), read.body());
        JsonNode lead = json(read);
        // pricing 15 + whitepaper 10 + fit: head-of title 5, Germany 5
        assertEquals(35, lead.get("score").asInt(), read.body());
        assertEquals(10, lead.get("fit").asInt());
        assertEquals("pricing-page", lead.at("/breakdown/0/rule").asText());
        assertEquals(3, lead.get("recentLedger").size());

        // A second round, after the lead's own writes went through the stream: an event with no properties.
        String unsubscribe = "{\"eventId\": \"e2e-4\", \"type\": \"unsubscribe\", \"leadId\": \"e2e-lead\","
                + " \"timestamp\": \"" + now + "\"}";
        assertEquals(202, post(unsubscribe).statusCode());
        runtime.awaitStreams(Duration.ofSeconds(20));
        assertEquals(10, json(get("/v1/leads/e2e-lead", runtime.options().adminKey())).get("score").asInt());
    }

    @Test
    void theQueryApiIsClosedToWriteKeysAndStrangers() throws Exception {
        assertEquals(403, get("/v1/leads/e2e-lead", runtime.options().writeKey()).statusCode());
        assertEquals(403, get("/v1/leads/e2e-lead", null).statusCode());
    }

    @Test
    void theAdminRunsTheDecaySweepNowInsteadOfWaitingForTheSchedule() throws Exception {
        HttpRequest.Builder run = HttpRequest.newBuilder(runtime.baseUri().resolve("/local/schedules/run"))
                .POST(HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> refused = http.send(run.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode(), "admin only");

        HttpResponse<String> ran = http.send(run.header("authorization", "Bearer " + runtime.options().adminKey())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ran.statusCode(), ran.body());
        assertTrue(json(ran).at("/DecayFunction.Sweep/complete").asBoolean(), ran.body());
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() throws Exception {
        HttpResponse<String> response = post("{\"type\": \"page_view\", \"leadId\": \"x\", \"timestamp\": \"soon\"}");
        assertEquals(400, response.statusCode());
        assertEquals("timestamp", json(response).at("/results/0/errors/0/field").asText());
        assertTrue(LocalRuntime.banner(runtime).contains("curl"), "the banner shows how to start");
    }

    /**
     * Ends as it began, with revision 1 published (the rollback), so that the other tests score with the shipped
     * model whatever the order.
     */
    @Test
    void draftListShowCompareAndScoreWithAPublishedRevision() throws Exception {
        assertTrue(LocalRuntime.banner(runtime).contains("default@1 published, of 1 revision"),
                LocalRuntime.banner(runtime));
        JsonNode seeded = json(get(REVISIONS, runtime.options().adminKey()), 200);
        assertEquals(1, seeded.at("/revisions/0/number").asInt(), "the runtime seeded revision 1 at start");
        assertEquals("leadscore seed (default-model.yaml)", seeded.at("/revisions/0/author").asText());

        String yaml = ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: 40\n");
        HttpResponse<String> drafted = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve(REVISIONS))
                .header("authorization", "Bearer " + runtime.options().adminKey())
                .header("content-type", "application/yaml").header("x-notes", "Q1 review: pricing visits matter more")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
        int number = json(drafted, 201).get("number").asInt();
        assertEquals(REVISIONS + "/" + number, drafted.headers().firstValue("location").orElseThrow());

        JsonNode list = json(get(REVISIONS, runtime.options().adminKey()), 200);
        assertEquals(number, list.get("latest").asInt());
        assertEquals(1, list.get("published").asInt(), "a draft is not published");
        JsonNode draft = list.at("/revisions/" + (number - 1));
        assertEquals(LOCAL_ADMIN, draft.get("author").asText(), "locally, the admin key's caller");
        assertEquals("Q1 review: pricing visits matter more", draft.get("notes").asText());

        HttpResponse<String> shown = get(REVISIONS + "/" + number + "?format=yaml", runtime.options().adminKey());
        assertEquals(200, shown.statusCode(), shown.body());
        assertEquals("application/yaml", shown.headers().firstValue("content-type").orElseThrow());
        assertEquals(yaml, shown.body());

        HttpResponse<String> csv = get("/v1/models/default/compare?from=1&to=" + number + "&format=csv",
                runtime.options().adminKey());
        assertEquals(200, csv.statusCode(), csv.body());
        assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("content-type").orElseThrow());
        List<String> rows = List.of(csv.body().split("\r\n"));
        assertTrue(rows.get(0).startsWith("\uFEFFsection,key,label,r1,"), rows.get(0));
        String pricing = rows.stream().filter(row -> row.startsWith("rule,rule:pricing-page,")).findFirst()
                .orElseThrow(() -> new AssertionError(csv.body()));
        assertTrue(pricing.contains("40") && pricing.contains(" *"), pricing);
        System.out.println("[compare] revisions 1 to " + number + " as CSV:\n" + csv.body());

        // The pointer moved alone (the publish route also re-scores every lead: RescoreJobEndToEndTest): the running
        // score function scores the next event with the new revision, and again with revision 1 after the rollback.
        ModelStore models = new ModelStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"));
        models.publish("default", number, LOCAL_ADMIN, Instant.now());
        assertEquals(40, scorePricingView("rev-e2e-published", "default@" + number));
        assertEquals(number, json(get("/v1/model", runtime.options().adminKey()), 200).get("version").asInt());
        models.publish("default", 1, LOCAL_ADMIN, Instant.now());
        assertEquals(15, scorePricingView("rev-e2e-rolled-back", "default@1"));
    }

    @Test
    void theAdminApiIsClosedToWriteKeysAndStrangers() throws Exception {
        assertEquals(403, get(REVISIONS, runtime.options().writeKey()).statusCode());
        assertEquals(403, get(REVISIONS, null).statusCode());
        assertEquals(403, http.send(HttpRequest.newBuilder(runtime.baseUri().resolve(REVISIONS))
                .header("content-type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString("model: x"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
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

    /** A new lead's pricing-page view, scored: its score, once its ledger entry names {@code model}. */
    private static int scorePricingView(String leadId, String model) throws Exception {
        String event = "{\"eventId\": \"" + leadId + "-1\", \"type\": \"page_view\", \"leadId\": \"" + leadId
                + "\", \"timestamp\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\", \"properties\": {\"url\": \"https://acme.example/pricing\"}}";
        assertEquals(202, post(event).statusCode());
        runtime.awaitStreams(Duration.ofSeconds(20));
        JsonNode lead = json(get("/v1/leads/" + leadId, runtime.options().adminKey()), 200);
        assertEquals(model, lead.at("/recentLedger/0/model").asText(), "the ledger names the revision");
        return lead.get("score").asInt();
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                .header("content-type", "application/json")
                .header("x-write-key", runtime.options().writeKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(runtime.baseUri().resolve(path)).GET();
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        return json(response);
    }
}
