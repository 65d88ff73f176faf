package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * NPS answers end to end in the local runtime: posted to the ingest API, scored, counted in the same transactions, and
 * reported by GET /v1/reports/nps, each figure worked out by hand below. Bob answers twice and counts once, as his
 * later answer; Ivy's earlier answer arrives after her later one and changes nothing.
 */
class NpsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @BeforeAll
    static void customersOfThreeCompaniesAnswer() throws Exception {
        List<String> events = new ArrayList<>();
        answer(events, "ann", "acme.example", 10);    // acme promoter
        answer(events, "bob", "acme.example", 9);     // a promoter first...
        answer(events, "cat", "acme.example", 8);     // acme passive
        answer(events, "ivy", "acme.example", 2);     // acme detractor (her later answer, sent first)
        answer(events, "dan", "globex.example", 6);   // globex detractor
        answer(events, "eli", "globex.example", 0);   // globex detractor
        answer(events, "fay", "initech.example", 9);  // initech promoter
        answer(events, "gus", "initech.example", 7);  // initech passive
        answer(events, "hal", "gmail.com", 10);       // free mail, no account: overall only
        post(events);
        settle();
        post(List.of(Events.event("bob", "bob-nps-2", "nps_response", Events.daysAgo(1), "\"score\": 3"), // ...a detractor now
                Events.event("ivy", "ivy-nps-0", "nps_response", Events.daysAgo(9), "\"score\": 10"))); // older: ignored
        settle();
    }

    @Test
    void theReportCountsEachPersonsLatestAnswerOverallAndPerAccountUnhappiestFirst() throws Exception {
        JsonNode report = Json.mapper().readTree(get("/v1/reports/nps", 200));

        // promoters ann, fay, hal; passives cat, gus; detractors bob, ivy, dan, eli: 100 * (3 - 4) / 9 = -11.1
        assertEquals(Json.mapper().readTree("{\"responses\": 9, \"promoters\": 3, \"passives\": 2,"
                + " \"detractors\": 4, \"nps\": -11}"), report.get("overall"));
        assertEquals(Json.mapper().readTree("""
                [{"accountId": "globex.example", "responses": 2, "promoters": 0, "passives": 0, "detractors": 2,
                  "nps": -100},
                 {"accountId": "acme.example", "responses": 4, "promoters": 1, "passives": 1, "detractors": 2,
                  "nps": -25},
                 {"accountId": "initech.example", "responses": 2, "promoters": 1, "passives": 1, "detractors": 0,
                  "nps": 50}]"""), report.get("accounts"));
    }

    @Test
    void theReportAsCsv() throws Exception {
        assertEquals("\uFEFFscope,accountId,responses,promoters,passives,detractors,nps\r\n"
                + "overall,,9,3,2,4,-11\r\n"
                + "account,globex.example,2,0,0,2,-100\r\n"
                + "account,acme.example,4,1,1,2,-25\r\n"
                + "account,initech.example,2,1,1,0,50\r\n", get("/v1/reports/nps?format=csv", 200));
    }

    @Test
    void theLaterAnswerIsTheLeadsAndTheDetractorRuleLowersItsScore() throws Exception {
        JsonNode bob = Json.mapper().readTree(get("/v1/leads/bob", 200));

        assertEquals(3, bob.at("/nps/score").asInt());
        assertEquals("detractor", bob.at("/nps/category").asText());
        JsonNode rule = bob.get("breakdown").valueStream().filter(line -> line.get("rule").asText()
                .equals("nps-detractor")).findFirst().orElseThrow();
        assertEquals(-20, rule.get("points").asInt());
        assertEquals(2, Json.mapper().readTree(get("/v1/leads/ivy", 200)).at("/nps/score").asInt());
    }

    @Test
    void theLeadsListFiltersByTheClassOfTheLatestAnswer() throws Exception {
        assertEquals(List.of("bob", "dan", "eli", "ivy"), leadIds("/v1/leads?nps=detractor"));
        assertEquals(List.of("ann", "cat", "fay", "gus", "hal"), leadIds("/v1/leads?nps=promoter,passive"));
    }

    /** The lead identifies itself with an email at the company, then answers the survey. */
    private static void answer(List<String> events, String lead, String domain, int score) {
        Instant identified = Events.daysAgo(10);
        events.add(Events.event(lead, lead + "-identify", "identify", identified,
                "\"email\": \"" + lead + "@" + domain + "\""));
        events.add(Events.event(lead, lead + "-nps-1", "nps_response", Events.daysAgo(2), "\"score\": " + score));
    }

    private static List<String> leadIds(String path) throws Exception {
        return new ArrayList<>(new TreeSet<>(Json.mapper().readTree(get(path, 200)).get("items").valueStream()
                .map(row -> row.get("leadId").asText()).toList()));
    }

    private static void settle() {
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);
        runtime.awaitStreams(WAIT);
    }

    private static void post(List<String> events) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                .header("content-type", "application/json").header("x-write-key", runtime.options().writeKey())
                .POST(HttpRequest.BodyPublishers.ofString(Events.batch(events))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    private static String get(String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("authorization", "Bearer " + runtime.options().adminKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        return response.body();
    }
}
