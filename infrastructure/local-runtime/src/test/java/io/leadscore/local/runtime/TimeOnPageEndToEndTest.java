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
 * Time on page end to end in the local runtime: {@code page_engaged} events POSTed through the ingest API as track.js
 * sends them when a page is hidden, scored by the shipped model's {@code pricing-page-read} (30 engaged seconds or
 * more on a pricing page, +5, once a day) from the table's stream, and explained by GET /v1/leads.
 */
class TimeOnPageEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @Test
    void fortyFiveSecondsOnPricingEarnTheRulesPointsOnceADayAndTenSecondsNothing() throws Exception {
        Instant at = Events.daysAgo(1);
        Events.post(runtime, Events.batch(List.of(
                engaged("reader", "reader-1", at, "https://acme.example/pricing", 45),
                // The same page seen again later that day: a second read, beyond the cap.
                engaged("reader", "reader-2", at.plusSeconds(600), "https://acme.example/pricing", 60),
                engaged("glancer", "glancer-1", at, "https://acme.example/pricing", 10),
                engaged("glancer", "glancer-2", at.plusSeconds(60), "https://acme.example/blog/roi", 300))));
        runtime.awaitStreams(WAIT);

        JsonNode reader = lead("reader");
        assertEquals(5, reader.get("score").asInt(), reader.toString());
        assertEquals(List.of("pricing-page-read 5 Read the pricing page for 30 seconds or more"),
                lines(reader.get("breakdown"), "rule", "points", "description"));
        // Both reads come in one batch, which the stream may deliver in either order: whichever is applied first
        // earns the day's points, the other is beyond the cap; each names the rule.
        List<String> ledger = new ArrayList<>();
        for (JsonNode entry : reader.get("recentLedger")) {
            ledger.add(entry.get("eventType").asText() + " " + lines(entry.get("contributions"), "rule", "points")
                    + " -> " + entry.get("scoreAfter").asInt());
        }
        ledger.sort(null);
        assertEquals(List.of("page_engaged [pricing-page-read 0] -> 5", "page_engaged [pricing-page-read 5] -> 5"),
                ledger, "each read naming the rule: one for the day's points, the other beyond the cap for nothing");

        JsonNode glancer = lead("glancer");
        assertEquals(0, glancer.get("score").asInt(), glancer.toString());
        assertEquals(List.of(), lines(glancer.get("breakdown"), "rule", "points"));
    }

    private static String engaged(String leadId, String eventId, Instant at, String url, int seconds) {
        return Events.event(leadId, eventId, "page_engaged", at, "\"url\": \"" + url + "\", \"seconds\": " + seconds);
    }

    /** Each entry's fields, joined by spaces. */
    private static List<String> lines(JsonNode entries, String... fields) {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : entries) {
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                if (entry.hasNonNull(field)) {
                    values.add(entry.get(field).asText());
                }
            }
            lines.add(String.join(" ", values));
        }
        return lines;
    }

    private static JsonNode lead(String leadId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/leads/" + leadId))
                .header("authorization", "Bearer " + runtime.options().adminKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }
}
