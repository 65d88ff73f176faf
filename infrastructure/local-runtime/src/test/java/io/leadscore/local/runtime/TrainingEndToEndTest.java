package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.Prediction;
import io.leadscore.model.ScoringModel;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on demand, end to end in the local runtime: the demo data with its CRM verdicts, a run started through the
 * admin API and carried out by the train function (handed over on the bus), its report read back through the API,
 * and the draft revision it stored, whose YAML the loader reads with its trained weights.
 */
class TrainingEndToEndTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final HttpClient http = HttpClient.newHttpClient();
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @Test
    void aRunOnTheDemoDataStoresItsReportAndADraftWithTrainedWeights() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        DemoData.Seeded seeded = DemoData.seed(http, runtime.baseUri(), runtime.options().writeKey(),
                runtime.options().adminKey(), 42, 800, 150, new PrintStream(said, true, StandardCharsets.UTF_8));
        assertTrue(seeded.verdicts().size() > 0, said.toString(StandardCharsets.UTF_8));

        HttpResponse<String> refused = send(request("/v1/models/default/trainings").header("content-type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"horizonDays\": 30, \"heldOutDays\":"
                + " 20}")));
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("heldOutDays", Json.mapper().readTree(refused.body()).at("/error/field").asText());

        HttpResponse<String> started = send(request("/v1/models/default/trainings").header("content-type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"label\": \"opportunity\","
                + " \"horizonDays\": 30, \"heldOutDays\": 60, \"criterion\": \"f1\"}")));
        assertEquals(202, started.statusCode(), started.body());
        String trainingId = Json.mapper().readTree(started.body()).get("trainingId").asText();
        HttpResponse<String> busy = send(request("/v1/models/default/trainings").POST(
                HttpRequest.BodyPublishers.noBody()));
        assertEquals(409, busy.statusCode(), "one run at a time: " + busy.body());

        JsonNode run = awaitEnd(trainingId);

        assertEquals("done", run.get("status").asText(), run.toString());
        assertEquals(1, run.get("basedOn").asInt());
        assertTrue(run.get("leads").asLong() > 0, run.toString());
        JsonNode report = run.get("report");
        assertTrue(report.at("/training/examples").asInt() > 0, report.toString());
        assertTrue(report.at("/heldOut/examples").asInt() > 0, report.toString());
        assertFalse(report.get("foundNothing").asBoolean(), report.toString());
        int draft = run.get("draft").asInt();
        assertEquals(2, draft, "the model's next revision");

        HttpResponse<String> yaml = send(request("/v1/models/default/revisions/" + draft + "?format=yaml").GET());
        assertEquals(200, yaml.statusCode(), yaml.body());
        ScoringModel drafted = ModelLoader.parseRevision(yaml.body(), "default", draft);
        Prediction prediction = drafted.prediction().orElseThrow(() -> new AssertionError(yaml.body()));
        assertEquals(Prediction.Label.OPPORTUNITY, prediction.label());
        assertEquals(Duration.ofDays(30), prediction.horizon());
        assertFalse(prediction.weights().isEmpty());
        JsonNode revision = Json.mapper().readTree(send(request("/v1/models/default/revisions/" + draft).GET()).body());
        assertEquals("training", revision.get("author").asText(), revision.toString());
        assertEquals(report.get("finding").asText(), revision.get("notes").asText());
    }

    private static JsonNode awaitEnd(String trainingId) throws Exception {
        Instant until = Instant.now().plus(WAIT);
        while (true) {
            HttpResponse<String> shown = send(request("/v1/models/default/trainings/" + trainingId).GET());
            assertEquals(200, shown.statusCode(), shown.body());
            JsonNode run = Json.mapper().readTree(shown.body());
            String status = run.get("status").asText();
            if (status.equals("done") || status.equals("failed") || Instant.now().isAfter(until)) {
                return run;
            }
            Thread.sleep(500);
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("authorization", "Bearer " + runtime.options().adminKey());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
