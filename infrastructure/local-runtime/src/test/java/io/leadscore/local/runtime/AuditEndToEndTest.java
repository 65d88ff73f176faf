package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.announcement.ModelNeedsReview;
import io.leadscore.local.PublishedEvent;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The MQL audit end to end in the local runtime: three leads of last week reach sales-ready by their tracked events
 * (ingest, then the score function from the stream), the CRM judges them through the admin API (one verdict sent
 * twice), the audit and stage reports answer what was worked out by hand, and the scheduled audit announces
 * ModelNeedsReview for the week once, however often the schedules run.
 */
class AuditEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @AfterAll
    static void stop() {
        BusSchemas.assertConform(runtime.bus().published());
    }

    @Test
    void lastWeeksVerdictsAreReportedAndAnnouncedOnce() throws Exception {
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(DayOfWeek.MONDAY).minusWeeks(1);
        Instant wednesday = monday.plusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC);
        for (String lead : List.of("ada", "bo", "cy")) {
            assertEquals(202, send("POST", "/v1/events", Events.batch(Events.salesReadyJourney(lead, wednesday)),
                    runtime.options().writeKey()).statusCode());
        }
        runtime.awaitStreams(WAIT);
        Instant judged = wednesday.plus(Duration.ofDays(1));
        verdict("ada", "accepted", null, judged, "crm-1");
        verdict("bo", "rejected", "No budget", judged, "crm-2");
        verdict("cy", "rejected", "Wrong  person", judged, "crm-3");
        JsonNode repeated = verdict("cy", "rejected", "Wrong  person", judged, "crm-3");
        assertEquals("duplicate", repeated.get("status").asText());

        JsonNode audit = get("/v1/reports/audit?from=" + monday + "&to=" + monday.plusDays(6));
        // By hand: three MQLs on Wednesday (minutes after 10:00, as the journey crosses 100), one accepted at 10:00 the
        // next day (23 whole hours later), two rejected: 2 of 3 decided.
        assertEquals(List.of(3, 1, 2, 0, 3), List.of(audit.get("mqls").asInt(), audit.get("accepted").asInt(),
                audit.get("rejected").asInt(), audit.get("pending").asInt(), audit.get("decided").asInt()));
        assertEquals(0.6667, audit.get("rejectionRate").asDouble());
        assertEquals(23, audit.get("medianHoursToAcceptance").asInt());
        assertEquals(true, audit.get("needsReview").asBoolean());
        assertEquals("[{\"reason\":\"no budget\",\"count\":1},{\"reason\":\"wrong person\",\"count\":1}]",
                audit.get("topRejectionReasons").toString());
        JsonNode stages = get("/v1/reports/stages");
        assertEquals(List.of(1, 2, 0), List.of(stages.at("/leads/sql").asInt(), stages.at("/leads/rejected").asInt(),
                stages.at("/leads/mql").asInt()));

        runtime.runSchedules();
        runtime.runSchedules(); // a second run of the same week
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);

        List<ScheduledEvent> warnings = runtime.bus().published().stream().map(PublishedEvent::toScheduledEvent)
                .filter(event -> event.getDetailType().equals(ModelNeedsReview.DETAIL_TYPE)).toList();
        String week = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        assertEquals(List.of(Map.of("qualificationId", "model:default/audit/" + week, "modelId", "default",
                "week", week, "from", monday.toString(), "to", monday.plusDays(6).toString(), "mqls", 3,
                "decided", 3, "rejected", 2)), warnings.stream().map(ScheduledEvent::getDetail).toList());
    }

    private static JsonNode verdict(String lead, String type, String reason, Instant at, String feedbackId)
            throws Exception {
        HttpResponse<String> response = send("POST", "/v1/leads/" + lead + "/feedback", "{\"type\": \"" + type + "\", "
                + (reason == null ? "" : "\"reason\": \"" + reason + "\", ") + "\"rep\": \"sam\", \"at\": \"" + at
                + "\", \"feedbackId\": \"" + feedbackId + "\"}", runtime.options().adminKey());
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, runtime.options().adminKey());
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("content-type", "application/json");
        request = key.startsWith("wk_") ? request.header("x-write-key", key)
                : request.header("authorization", "Bearer " + key);
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
