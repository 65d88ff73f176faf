package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The system as a user meets it: the local runtime started from template.yaml, events POSTed over HTTP,
 * the stream carrying them to the score function, and the explained score read back over HTTP.
 */
class LocalRuntimeEndToEndTest {
    private static LocalRuntime runtime;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        runtime.close();
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
}
