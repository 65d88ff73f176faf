package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The point calibration, end to end in the local runtime: leads POSTed through the ingest API, scored by the shipped
 * model from the table's stream, their interactions counted per journey stage in the scoring transactions, a CRM
 * verdict through the feedback API, and GET /v1/reports/calibration reading the counters; the figures worked out by
 * hand. Each lead's tagged interactions come first and its profile (30 fit points) last, which takes it over 100, so
 * its move to MQL counts every interaction.
 */
class CalibrationEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @Test
    void averagesFiveThreeAndFourInteractionsSuggestOneHundredOverTwelvePointsPerInteraction() throws Exception {
        Instant start = Events.daysAgo(1);
        // awareness (email opens, 1 point), consideration (case studies 5, a webinar 8), decision (a demo request 20
        // and three pricing views 15 each: 65), then 30 fit points
        journey("ana", start, 4, 2, false); // 4 + 10 + 65 = 79, + 30 = 109: awareness 4, consideration 2, decision 4
        journey("ben", start, 6, 3, false); // 6 + 15 + 65 = 86, + 30 = 116: 6, 3, 4
        journey("cai", start, 5, 3, true);  // 5 + 15 + 8 + 65 = 93, + 30 = 123: 5, 4, 4
        Events.post(runtime, Events.batch(List.of(Events.event("dov", "dov-1", "email_open", start,
                "\"campaign\": \"nl-0\""))));
        runtime.awaitStreams(WAIT);
        assertEquals(List.of("mql", "mql", "mql", "lead"), List.of(stage("ana"), stage("ben"), stage("cai"),
                stage("dov")));

        JsonNode report = json(get("/v1/reports/calibration"));

        assertEquals("mql", report.get("reached").asText());
        assertEquals(100, report.get("threshold").asInt());
        assertEquals(3, report.get("leads").asInt());
        // (4 + 6 + 5) / 3 = 5, (2 + 3 + 4) / 3 = 3, (4 + 4 + 4) / 3 = 4
        assertEquals(List.of(5.0, 3.0, 4.0), averages(report));
        assertEquals(12.0, report.get("sumOfAverages").doubleValue());
        assertEquals(8.33, report.get("suggestedPointsPerInteraction").doubleValue()); // 100 / 12
        // the stages' rules' mean points: awareness (10 + 3 + 1 + 4) / 4 = 4.5, consideration (5 + 5 + 8 + 8) / 4 =
        // 6.5, decision (15 + 10 + 5 + 20 + 10) / 5 = 12; weighted by the averages: 90 / 12 = 7.5
        assertEquals(7.5, report.get("currentPointsPerInteraction").doubleValue());

        // Cai's deal is won a day later, after two more email opens: the won calibration counts her then.
        Events.post(runtime, Events.batch(List.of(
                Events.event("cai", "cai-x1", "email_open", start.plus(Duration.ofHours(2)), "\"campaign\": \"x1\""),
                Events.event("cai", "cai-x2", "email_open", start.plus(Duration.ofHours(3)), "\"campaign\": \"x2\""))));
        runtime.awaitStreams(WAIT);
        HttpResponse<String> won = send(request("/v1/leads/cai/feedback").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"won\", \"rep\": \"sam\", \"at\": \""
                        + start.plus(Duration.ofHours(4)) + "\", \"feedbackId\": \"crm-won-cai\"}")));
        assertEquals(200, won.statusCode(), won.body());

        JsonNode wonReport = json(get("/v1/reports/calibration?reached=won"));
        assertEquals(1, wonReport.get("leads").asInt());
        assertEquals(List.of(7.0, 4.0, 4.0), averages(wonReport));
        assertEquals(6.67, wonReport.get("suggestedPointsPerInteraction").doubleValue()); // 100 / (7 + 4 + 4)
        assertEquals(List.of(5.0, 3.0, 4.0), averages(json(get("/v1/reports/calibration?reached=mql"))),
                "the MQL calibration still counts her interactions when she became an MQL");
        assertEquals("{\"awareness\":7,\"consideration\":4,\"decision\":4}",
                json(get("/v1/leads/cai")).get("journey").toString());

        HttpResponse<String> bad = send(request("/v1/reports/calibration?reached=sql").GET());
        assertEquals(400, bad.statusCode());
        assertEquals("reached", json(bad.body()).at("/error/field").asText());
    }

    /**
     * {@code opens} email opens, {@code caseStudies} case studies, a webinar when {@code webinar}, a demo request and
     * three pricing views (79 to 93 points), then the profile, one a minute.
     */
    private static void journey(String leadId, Instant start, int opens, int caseStudies, boolean webinar)
            throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < opens; i++) {
            events.add(next(leadId, start, events.size(), "email_open", "\"campaign\": \"nl-" + i + "\""));
        }
        for (int i = 0; i < caseStudies; i++) {
            events.add(next(leadId, start, events.size(), "page_view",
                    "\"url\": \"https://acme.example/customers/c" + i + "\""));
        }
        if (webinar) {
            events.add(next(leadId, start, events.size(), "form_submit", "\"formId\": \"webinar-q4\""));
        }
        events.add(next(leadId, start, events.size(), "form_submit", "\"formId\": \"demo-request\""));
        for (int i = 0; i < 3; i++) {
            events.add(next(leadId, start, events.size(), "page_view", "\"url\": \"https://acme.example/pricing\""));
        }
        Events.post(runtime, Events.batch(events));
        // Scored in the order the stream delivers them: the profile only once every interaction is in.
        runtime.awaitStreams(WAIT);
        Events.post(runtime, Events.batch(List.of(next(leadId, start, events.size(), "identify", "\"industry\":"
                + " \"software\", \"companySize\": 400, \"country\": \"US\", \"jobTitle\": \"Director of IT\""))));
    }

    private static String next(String leadId, Instant start, int n, String type, String properties) {
        return Events.event(leadId, leadId + "-" + n, type, start.plus(Duration.ofMinutes(n)), properties);
    }

    private static List<Double> averages(JsonNode report) {
        return report.get("stages").valueStream().map(s -> s.get("averageInteractions").doubleValue()).toList();
    }

    private static String stage(String leadId) throws Exception {
        return json(get("/v1/leads/" + leadId)).get("stage").asText();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = send(request(path).GET());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** A request with the admin key, as the query and feedback APIs want it locally. */
    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("authorization", "Bearer " + runtime.options().adminKey());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return Json.mapper().readTree(body);
    }
}
