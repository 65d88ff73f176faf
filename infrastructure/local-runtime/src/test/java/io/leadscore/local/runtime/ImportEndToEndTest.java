package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.Rescorer;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /v1/admin/import/events through the local runtime, as the template serves it: with the admin key, history
 * 300 days old (the local ingest takes {@value LocalRuntime#MAX_EVENT_AGE_DAYS}) is recorded and each lead it touches ends as its whole history replayed in time order, live events
 * included, and not applied again by the score function; a rejected event names its field; a re-run counts
 * duplicates; the public write key cannot use the route, and ingest refuses the same history.
 */
class ImportEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));
    private static LeadStore leads;

    @BeforeAll
    static void start() throws Exception {
        leads = new LeadStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"),
                Clock.systemUTC(), Retention.DEFAULT);
    }

    @Test
    void theAdminImportsHistoryThatIngestRefusesAndEachLeadIsItsHistoryReplayedInTimeOrder() throws Exception {
        Events.post(runtime, Events.batch(List.of(Events.event("kim", "kim-live-1", "page_view", Events.daysAgo(0),
                "\"url\": \"https://acme.example/pricing\""))));
        settle();
        List<String> history = new ArrayList<>();
        history.addAll(Events.salesReadyJourney("kim", Instant.now().minus(Duration.ofDays(300))));
        history.addAll(Events.salesReadyJourney("lee", Instant.now().minus(Duration.ofDays(250))));
        history.add(Events.event("lee", "lee-bad", "form_submit", Events.daysAgo(100), "\"url\": \"https://a.example\""));
        history.add(Events.event("lee", "lee-ancient", "page_view", Events.daysAgo(800), "\"url\": \"https://a.example\""));
        String batch = Events.batch(history);

        HttpResponse<String> asSite = send(batch, "x-write-key", runtime.options().writeKey());
        HttpResponse<String> atIngest = HTTP.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                .header("content-type", "application/json").header("x-write-key", runtime.options().writeKey())
                .POST(HttpRequest.BodyPublishers.ofString(Events.batch(history.subList(0, 1)))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = json(send(batch, "authorization", "Bearer " + runtime.options().adminKey()), 200);
        settle();
        JsonNode again = json(send(batch, "authorization", "Bearer " + runtime.options().adminKey()), 200);
        settle();

        assertEquals(403, asSite.statusCode(), asSite.body());
        assertEquals(400, atIngest.statusCode(), atIngest.body());
        assertEquals("events[0].timestamp", json(atIngest, 400).at("/results/0/errors/0/field").asText());
        int imported = history.size() - 2;
        assertEquals(imported, answer.get("accepted").asInt(), answer.toString());
        assertEquals(0, answer.get("duplicates").asInt());
        assertEquals(List.of("events[" + (imported) + "].properties.formId", "events[" + (imported + 1)
                + "].timestamp"), List.of(answer.at("/rejected/0/errors/0/field").asText(),
                answer.at("/rejected/1/errors/0/field").asText()));
        assertEquals(List.of("lee-bad", "lee-ancient"), List.of(answer.at("/rejected/0/eventId").asText(),
                answer.at("/rejected/1/eventId").asText()));
        assertTrue(answer.at("/rejected/1/errors/0/problem").asText().contains("retention"), answer.toString());
        assertEquals(0, again.get("accepted").asInt());
        assertEquals(imported, again.get("duplicates").asInt());
        Rescorer rescorer = new Rescorer(ModelLoader.defaultModel());
        for (String leadId : List.of("kim", "lee")) {
            Lead lead = leads.lead(leadId).orElseThrow();
            List<Activity> recorded = leads.recorded(leadId, true);
            Lead replayed = rescorer.replay(leadId, recorded, List.of(), Instant.now());
            assertEquals(replayed.score(), lead.score(), leadId);
            assertEquals(replayed.groups(), lead.groups(), leadId);
            assertEquals(replayed.coldSince(), lead.coldSince(), leadId);
            assertEquals(recorded.size(), lead.appliedActivities(), leadId + ": each applied once");
            assertEquals(lead.score(), leads.ledger(leadId).stream().mapToInt(LedgerEntry::change).sum(), leadId);
        }
        assertEquals(12, leads.recorded("kim", true).size(), "eleven imported beside the live one");
        Lead kim = leads.lead("kim").orElseThrow();
        Lead lee = leads.lead("lee").orElseThrow();
        assertTrue(!kim.decayedAt().isEmpty() && kim.coldSince() == null, "decayed after its history, warm again by"
                + " today's live event: " + kim);
        assertTrue(lee.coldSince() != null && !lee.decayedAt().isEmpty(), "sales-ready 250 days ago, decayed and cold"
                + " since, as if it had arrived live: " + lee);
        assertEquals(0, runtime.dynamoDb().client().scan(request -> request
                .tableName(runtime.dynamoDb().tableName("LeadScoreTable")).filterExpression("#kind = :outbox")
                .expressionAttributeNames(Map.of("#kind", "kind")).expressionAttributeValues(Map.of(
                        ":outbox", AttributeValue.fromS("outbox"))))
                .count(), "nothing announced: neither the old qualifications nor the decay");
    }

    private static void settle() {
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);
    }

    private static HttpResponse<String> send(String body, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/admin/import/events"))
                .header("content-type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }
}
