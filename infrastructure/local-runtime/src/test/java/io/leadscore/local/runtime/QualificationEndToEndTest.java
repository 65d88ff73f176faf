package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.decay.DecayHandler;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.PublishedEvent;
import io.leadscore.local.SamTemplate;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sales-ready, end to end in the local runtime: the event that takes a lead over 100 is POSTed, scored,
 * stored with its qualification, published from the outbox, matched by the template's rule, and delivered
 * once to the sales team's signed webhook; weeks later the decay sweep takes the lead below the line and
 * cold, and the nurture rule of the template sees both.
 */
class QualificationEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    private static WebhookReceiver salesTeam;
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        salesTeam = new WebhookReceiver();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                .withEnvironment(NotificationLatency.webhookTo(salesTeam)));
    }

    @AfterAll
    static void stop() {
        runtime.close();
        BusSchemas.assertConform(runtime.bus().published());
        salesTeam.close();
    }

    @Test
    void aLeadThatBecomesSalesReadyIsAnnouncedOnceThenFadesAndGoesCold() throws Exception {
        post(NotificationLatency.warmUp("dana"));
        post(NotificationLatency.qualifying("dana"));
        WebhookReceiver.Received hook = salesTeam.await(body -> body.contains("\"dana\""), WAIT);

        JsonNode body = Json.mapper().readTree(hook.body());
        assertEquals("LeadQualified", body.get("type").asText());
        assertEquals("dana/salesReady/1/crm", hook.header("x-leadscore-idempotency-key"));
        assertEquals(105, body.at("/data/score").asInt());
        assertEquals("pricing-page", body.at("/data/topRules/0/rule").asText(), "why: the rules with the most points");
        new Webhook(NotificationLatency.SECRET).verify(hook.body(), hook.headers());
        ReadmeSamples.assertSameShape("LeadQualified", body);

        // Staying above the line announces nothing more.
        post("{\"events\": [{\"eventId\": \"dana-g\", \"type\": \"email_click\", \"leadId\": \"dana\", \"timestamp\": \""
                + Instant.now() + "\", \"properties\": {\"campaign\": \"launch\"}}]}");
        settle();
        assertEquals(1, toSales("dana"), "one qualification, one notification");
        JsonNode lead = Json.mapper().readTree(get("/v1/leads/dana"));
        assertEquals("delivered", lead.at("/notifications/0/deliveries/0/status").asText());
        // The MQL feed, newest first, shows it with its delivery.
        JsonNode feed = Json.mapper().readTree(get("/v1/notifications?type=LeadQualified&limit=100"));
        List<JsonNode> hers = new java.util.ArrayList<>();
        feed.get("items").forEach(item -> {
            if (item.get("leadId").asText().equals("dana")) {
                hers.add(item);
            }
        });
        assertEquals(1, hers.size(), feed.toString());
        assertEquals("dana/salesReady/1", hers.get(0).get("qualificationId").asText());
        assertEquals("delivered", hers.get(0).at("/deliveries/0/status").asText());

        // Fifty days on, the sweep fades her below the re-arm line and takes her cold: the nurture track hears.
        sweepAt(Instant.now().plus(Duration.ofDays(50)));
        settle();
        String nurture = SamTemplate.load(SamTemplate.locate()).rulePattern("NurtureRule");
        List<String> toNurture = runtime.bus().published().stream().map(PublishedEvent::json)
                .filter(event -> LocalEventBus.matches(nurture, event) && event.contains("\"dana\""))
                .map(QualificationEndToEndTest::detailType).sorted().toList();
        assertEquals(List.of("LeadDisqualified", "LeadWentCold"), toNurture);
        assertTrue(Json.mapper().readTree(get("/v1/leads/dana")).get("score").asInt() < 90);
        assertEquals(1, toSales("dana"), "sales hears of qualifications only");
    }

    @Test
    void anAccountWhoseCommitteeBecomesSalesReadyIsAnnouncedOnceToTheSameWebhook() throws Exception {
        for (String lead : List.of("ravi", "mia")) {
            post(NotificationLatency.warmUp(lead));
            post(NotificationLatency.qualifying(lead));
        }
        // Both join Globex, a VP and an engineer: two roles engaged, over 200 points between them.
        post("{\"events\": [" + joins("ravi", "VP Sales") + "," + joins("mia", "Staff Engineer") + "]}");
        WebhookReceiver.Received hook = salesTeam.await(body -> body.contains("\"AccountQualified\""), WAIT);

        JsonNode body = Json.mapper().readTree(hook.body());
        assertEquals("globex.example", body.at("/data/accountId").asText());
        assertEquals("account:globex.example/salesReady/1/crm", hook.header("x-leadscore-idempotency-key"));
        assertTrue(body.at("/data/score").asInt() >= 200, hook.body());
        assertEquals(2, body.at("/data/committee/engagedMembers").asInt());
        ReadmeSamples.assertSameShape("AccountQualified", body);

        post("{\"events\": [{\"eventId\": \"mia-more\", \"type\": \"email_click\", \"leadId\": \"mia\","
                + " \"timestamp\": \"" + Instant.now() + "\", \"properties\": {\"campaign\": \"launch\"}}]}");
        settle();
        assertEquals(1, salesTeam.received().stream().filter(h -> h.body().contains("\"AccountQualified\"")).count());
        JsonNode account = Json.mapper().readTree(get("/v1/accounts/globex.example"));
        assertEquals(List.of("decisionMaker", "technicalEvaluator"),
                List.of(account.at("/coverage/roles/0").asText(), account.at("/coverage/roles/1").asText()));
        assertTrue(account.at("/thresholds/0/qualified").asBoolean());
        assertEquals("delivered", account.at("/notifications/0/deliveries/0/status").asText());
        JsonNode left = Json.mapper().readTree(get("/v1/accounts/ravi-corp.example"));
        assertEquals(0, left.get("members").size(), "ravi left his old company's account: " + left);
    }

    /** What the sales team's webhook received about a lead (the tests share the receiver). */
    private static long toSales(String leadId) {
        return salesTeam.received().stream().filter(h -> h.body().contains("\"leadId\":\"" + leadId + "\"")
                && h.body().contains("\"LeadQualified\"")).count();
    }

    private static String joins(String lead, String jobTitle) {
        return "{\"eventId\": \"" + lead + "-joins\", \"type\": \"identify\", \"leadId\": \"" + lead
                + "\", \"timestamp\": \"" + Instant.now() + "\", \"properties\": {\"email\": \"" + lead
                + "@globex.example\", \"jobTitle\": \"" + jobTitle + "\"}}";
    }

    private static String detailType(String event) {
        try {
            return Json.mapper().readTree(event).get("detail-type").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void sweepAt(Instant at) {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(template, runtime.dynamoDb(), runtime.bus(),
                "DecayFunction"));
        env.put("CLOCK_START", at.toString());
        new DecayHandler(new Environment(env)).handleRequest(Map.of("model", "default"), null);
    }

    /** Waits until the streams and the bus have carried everything through. */
    private static void settle() {
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);
    }

    private static void post(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                .header("content-type", "application/json").header("x-write-key", runtime.options().writeKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    private static String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("authorization", "Bearer " + runtime.options().adminKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
