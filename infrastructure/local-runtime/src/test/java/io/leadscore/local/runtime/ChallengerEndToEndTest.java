package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.announcement.LeadQualified;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.local.PublishedEvent;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AutoClose;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Champion/challenger end to end in the local runtime, from template.yaml: revision 2 (sales-ready at 25) challenges
 * the published default (at 100) through the admin API; ada's journey takes her past both lines, two pricing views
 * (30 points) take bo past the challenger's alone, and so do cy's, the first seen before the challenge started. The
 * shadow function scores them from the stream beside the score function, cy from its history before the start; sales
 * hear of ada only; sales accept ada, and the comparison counts the verdict for both revisions.
 */
class ChallengerEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @Test
    void theChallengerScoresLiveEventsInShadowAndTheReportShowsBothRevisionsMqls() throws Exception {
        String yaml = ModelSeed.of(null).yaml().replace("salesReady: { points: 100, rearmBelow: 90 }",
                "salesReady: { points: 25, rearmBelow: 20 }");
        assertEquals(2, json(201, send("POST", "/v1/models/default/revisions", "application/yaml", yaml))
                .get("number").asInt());
        Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        List<String> cy = Events.salesReadyJourney("cy", start).subList(0, 2);
        Events.post(runtime, Events.batch(cy.subList(0, 1)));
        runtime.awaitStreams(WAIT);
        json(201, send("PUT", "/v1/models/default/challenger", "application/json", "{\"revision\": 2}"));

        Events.post(runtime, Events.batch(Events.salesReadyJourney("ada", start)));
        Events.post(runtime, Events.batch(Events.salesReadyJourney("bo", start).subList(0, 2)));
        Events.post(runtime, Events.batch(cy.subList(1, 2)));
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);

        List<Object> qualified = runtime.bus().published().stream().map(PublishedEvent::toScheduledEvent)
                .filter(event -> event.getDetailType().equals(LeadQualified.DETAIL_TYPE))
                .map(ScheduledEvent::getDetail).map(detail -> detail.get("leadId")).toList();
        assertEquals(List.of("ada"), qualified, "sales hear of the champion's MQL only");
        JsonNode bo = json(200, send("GET", "/v1/leads/bo", null, null));
        assertEquals(30, bo.get("score").asInt());
        assertEquals("lead", bo.get("stage").asText(), "the challenger moved no live stage");
        json(200, send("POST", "/v1/leads/ada/feedback", "application/json", "{\"type\": \"accepted\", \"rep\":"
                + " \"sam\", \"at\": \"" + start.plus(Duration.ofMinutes(20)) + "\", \"feedbackId\": \"crm-ada\"}"));

        JsonNode report = json(200, send("GET", "/v1/models/default/challenger", null, null));

        assertEquals(List.of("champion", 1, 1, 1, 1), row(report.at("/revisions/0")));
        assertEquals(List.of("challenger", 2, 3, 1, 1), row(report.at("/revisions/1")), "ada, bo, and cy, whose"
                + " shadow lead started from the pricing view it had before the challenge");
        assertEquals("too few decided MQLs to tell (n < 10): challenger 1, champion 1",
                report.at("/acceptance/statement").asText());
    }

    /** Role, revision, MQLs, decided, accepted. */
    private static List<Object> row(JsonNode row) {
        return List.of(row.get("role").asText(), row.get("revision").asInt(), row.get("mqls").asInt(),
                row.get("decided").asInt(), row.get("accepted").asInt());
    }

    private static JsonNode json(int status, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("authorization", "Bearer " + runtime.options().adminKey());
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
