package io.leadscore.local.runtime;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bodies for POST /v1/events under the default model, written as a site sends them.
 */
final class Events {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Events() {
    }

    /** POSTs a batch to the runtime's ingest API with its write key, as a site does; it must be accepted. */
    static void post(LocalRuntime runtime, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                .header("content-type", "application/json").header("x-write-key", runtime.options().writeKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    /** One tracked event; {@code eventId} null sends none, and ingest derives one from the content. */
    static String event(String leadId, String eventId, String type, Instant at, String properties) {
        return "{" + (eventId == null ? "" : "\"eventId\": \"" + eventId + "\", ") + "\"type\": \"" + type
                + "\", \"leadId\": \"" + leadId + "\", \"timestamp\": \"" + at + "\", \"properties\": {" + properties
                + "}}";
    }

    static String batch(List<String> events) {
        return "{\"events\": [" + String.join(", ", events) + "]}";
    }

    /** An instant of the recent past, whole milliseconds as sites send them, inside what ingest accepts. */
    static Instant daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A buyer's journey over an afternoon, one event a minute from {@code start}, that takes the lead past sales-ready
     * (100 points) and exercises what makes scoring order-sensitive: a frequency cap (a fourth pricing view in a
     * day earns nothing), a per-campaign cap (a second click), a negative rule, fit from a profile and the
     * platform group. Events are named {@code <lead>-1}, {@code <lead>-2}... Each lead works at a company of its
     * own, so each is scored in a transaction of its own (with its account), which the fault tests count on.
     */
    static List<String> salesReadyJourney(String leadId, Instant start) {
        List<String> properties = List.of(
                "page_view", "\"url\": \"https://acme.example/pricing\"",
                "page_view", "\"url\": \"https://acme.example/pricing/enterprise\"",
                "email_click", "\"campaign\": \"launch\"",
                "page_view", "\"url\": \"https://acme.example/careers\"",
                "page_view", "\"url\": \"https://acme.example/pricing#faq\"",
                "page_view", "\"url\": \"https://acme.example/pricing\"",
                "form_submit", "\"formId\": \"whitepaper-roi\"",
                "email_click", "\"campaign\": \"launch\"",
                "identify", "\"email\": \"" + leadId + "@" + leadId + "-corp.example\", \"jobTitle\": \"VP Sales\","
                        + " \"industry\": \"software\", \"companySize\": 250, \"country\": \"US\"",
                "page_view", "\"url\": \"https://acme.example/demo\"",
                "form_submit", "\"formId\": \"demo-request\"");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < properties.size(); i += 2) {
            int n = i / 2 + 1;
            events.add(event(leadId, leadId + "-" + n, properties.get(i), start.plus(Duration.ofMinutes(n)),
                    properties.get(i + 1)));
        }
        return events;
    }
}
