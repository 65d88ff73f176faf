package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rights of the people being scored, end to end in the local runtime: Ada browses anonymously, identifies herself
 * (her visitor merged into her), joins Initech's account beside Bob and Cy, qualifies and is delivered to the sales
 * team's webhook, and so does the account (her demo request takes it over the line). Her export holds all of it; her erasure removes all of it (a scan of the
 * whole table finds neither her id, her visitor's, her email nor her name), leaves the account the aggregate of Bob
 * and Cy, and a late event cannot bring her back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADA = "ada-7f3";
    private static final String VISITOR = "v-ada-91";
    private static final String EMAIL = "ada.lovelace@initech.example";
    private static final String NAME = "Ada Lovelace";
    private static final String ACCOUNT = "initech.example";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static WebhookReceiver salesTeam;
    private static LocalRuntime runtime;

    @BeforeAll
    static void adaBobAndCyAtInitech() throws Exception {
        salesTeam = new WebhookReceiver();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                .withEnvironment(NotificationLatency.webhookTo(salesTeam)));
        post(Events.batch(List.of("{\"eventId\": \"v-1\", \"type\": \"page_view\", \"anonymousId\": \"" + VISITOR
                + "\", \"timestamp\": \"" + now() + "\", \"properties\": {\"url\": \"https://acme.example/pricing\"}}")));
        settle();
        post(Events.batch(List.of(
                Events.event("bob-22", "b-1", "page_view", now(), "\"url\": \"https://acme.example/pricing\""),
                Events.event("bob-22", "b-2", "page_view", now(), "\"url\": \"https://acme.example/pricing/teams\""),
                Events.event("bob-22", "b-3", "page_view", now(), "\"url\": \"https://acme.example/pricing#faq\""),
                Events.event("bob-22", "b-4", "form_submit", now(), "\"formId\": \"whitepaper-roi\""),
                Events.event("bob-22", "b-5", "identify", now(), "\"email\": \"bob@initech.example\", \"jobTitle\":"
                        + " \"Staff Engineer\", \"industry\": \"software\", \"companySize\": 250, \"country\": \"US\""),
                Events.event("bob-22", "b-6", "form_submit", now(), "\"formId\": \"demo-request\""),
                Events.event("cy-5", "c-1", "identify", now(), "\"email\": \"cy@initech.example\""),
                Events.event("cy-5", "c-2", "page_view", now(), "\"url\": \"https://acme.example/pricing\""))));
        settle(); // Bob first: Ada's demo request is what takes the account over the line
        post(Events.batch(List.of(
                "{\"eventId\": \"a-1\", \"type\": \"page_view\", \"leadId\": \"" + ADA + "\", \"anonymousId\": \""
                        + VISITOR + "\", \"timestamp\": \"" + now() + "\", \"properties\": {\"url\":"
                        + " \"https://acme.example/pricing/enterprise\"}}",
                Events.event(ADA, "a-2", "page_view", now(), "\"url\": \"https://acme.example/pricing#faq\""),
                Events.event(ADA, "a-3", "form_submit", now(), "\"formId\": \"whitepaper-roi\""),
                Events.event(ADA, "a-4", "identify", now(), "\"email\": \"" + EMAIL + "\", \"name\": \"" + NAME
                        + "\", \"jobTitle\": \"VP Sales\", \"industry\": \"software\", \"companySize\": 250,"
                        + " \"country\": \"US\""),
                Events.event(ADA, "a-5", "form_submit", now(), "\"formId\": \"demo-request\""))));
        salesTeam.await(body -> body.contains("\"" + ADA + "\"") && body.contains("LeadQualified"), WAIT);
        salesTeam.await(body -> body.contains("\"AccountQualified\""), WAIT);
        settle();
    }

    @AfterAll
    static void stop() {
        runtime.close();
        salesTeam.close();
    }

    @Test
    @Order(1)
    void theExportHoldsEverythingStoredAboutHer() throws Exception {
        JsonNode export = json(send("GET", "/v1/leads/" + ADA + "/export", 200));

        assertEquals(ADA, export.at("/lead/id").asText());
        assertEquals(EMAIL, export.at("/lead/profile/email").asText());
        assertEquals(List.of("a-1", "a-2", "a-3", "a-4", "a-5"), texts(export.get("activities"), "eventId"));
        assertEquals(NAME, export.at("/activities/3/properties/name").asText(), "what she sent, as recorded");
        assertTrue(texts(export.get("ledger"), "eventId").containsAll(List.of("merge-anon:" + VISITOR, "a-1", "a-5")),
                export.get("ledger").toString());
        int changes = 0;
        for (JsonNode entry : export.get("ledger")) {
            changes += entry.get("change").asInt();
        }
        assertEquals(export.get("score").asInt(), changes, "her ledger adds up to her score");
        assertEquals(ADA + "/salesReady/1", export.at("/notifications/0/announcement/qualificationId").asText());
        assertEquals("delivered", export.at("/notifications/0/deliveries/0/status").asText());
        assertEquals(ACCOUNT, export.at("/account/accountId").asText());
        assertEquals(export.get("score").asInt(), export.at("/account/share/score").asInt());
        assertEquals("anon:" + VISITOR, export.at("/mergedVisitors/0/visitor/id").asText());
        assertEquals(List.of("v-1"), texts(export.at("/mergedVisitors/0/activities"), "eventId"));
    }

    @Test
    @Order(2)
    void erasureRemovesEveryTraceAndAnswersWithWhatWasRemoved() throws Exception {
        assertFalse(traces().isEmpty(), "before: the table knows her");

        String answer = send("DELETE", "/v1/leads/" + ADA, 200);
        System.out.println("[privacy] DELETE /v1/leads/" + ADA + " answered " + answer);
        JsonNode erased = json(answer);
        settle();

        assertEquals(5 + 1, erased.get("activities").asInt(), "hers and her visitor's");
        assertEquals(5 + 1 + 1, erased.get("ledgerEntries").asInt(), "hers, the merge's and her visitor's own");
        assertEquals(1, erased.get("announcements").asInt());
        assertEquals(1, erased.get("deliveries").asInt());
        assertEquals(List.of("anon:" + VISITOR), texts(erased.get("visitors"), null));
        assertEquals(ACCOUNT, erased.get("accountShare").asText());
        assertEquals(List.of(), traces(), "no item of the table holds her id, her visitor's, her email or her name");
        send("GET", "/v1/leads/" + ADA, 404);
    }

    @Test
    @Order(3)
    void theAccountIsReAggregatedFromTheMembersLeft() throws Exception {
        JsonNode account = json(send("GET", "/v1/accounts/" + ACCOUNT, 200));
        int bob = json(send("GET", "/v1/leads/bob-22", 200)).get("score").asInt();
        int cy = json(send("GET", "/v1/leads/cy-5", 200)).get("score").asInt();

        assertEquals(List.of("bob-22", "cy-5"), texts(account.get("members"), "leadId").stream().sorted().toList());
        assertEquals(bob + cy, account.get("score").asInt(), "the default aggregate is the sum of the members left");
        assertEquals(1, account.get("notifications").size(), "its qualification stays, without her");
        JsonNode qualified = account.at("/notifications/0/announcement/detail");
        assertTrue(qualified.get("leadId").isNull(), "she crossed the line; now no one is named: " + qualified);
        assertEquals(List.of("bob-22", "cy-5"), texts(qualified.at("/committee/topMembers"), "leadId"));
        assertEquals(List.of(), BusSchemas.violations("AccountQualified", qualified.toString()));
        assertEquals("mqa", account.get("stage").asText(), "still qualified");
        JsonNode mqa = account.at("/stageHistory/0");
        assertEquals(List.of("account", "mqa", "leadscore", "true"), List.of(mqa.get("from").asText(),
                mqa.get("to").asText(), mqa.get("who").asText(), String.valueOf(mqa.get("leadId").isNull())),
                "her demo request made it an MQA; now no one is named: " + mqa);
    }

    @Test
    @Order(4)
    void aLateEventIsRefusedAndOneRecordedUnderTheFenceIsNotScored() throws Exception {
        HttpResponse<String> late = http.send(events(Events.batch(List.of(
                Events.event(ADA, "a-6", "page_view", now(), "\"url\": \"https://acme.example/pricing\"")))),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, late.statusCode(), late.body());
        assertEquals("events[0].leadId", json(late.body()).at("/results/0/errors/0/field").asText());

        // As an event recorded in the moment before the fence went up reaches the score function after it.
        Instant at = now();
        new ActivityStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"),
                Retention.DEFAULT)
                .record(new Activity("a-7", "page_view", ADA, at, Map.of("url", "https://acme.example/pricing"),
                        "site", at));
        settle();
        send("GET", "/v1/leads/" + ADA, 404);

        JsonNode again = json(send("DELETE", "/v1/leads/" + ADA, 200));
        assertEquals(1, again.get("activities").asInt(), "the stray activity, which the fence kept from scoring");
        assertEquals(0, again.get("ledgerEntries").asInt());
        JsonNode thrice = json(send("DELETE", "/v1/leads/" + ADA, 200));
        assertEquals(List.of(0, 0, 0, 0, 0), List.of(thrice.get("activities").asInt(),
                thrice.get("ledgerEntries").asInt(), thrice.get("announcements").asInt(),
                thrice.get("deliveries").asInt(), thrice.get("otherItems").asInt()), "erasing twice is harmless");
        assertTrue(thrice.get("accountShare").isNull());
        assertEquals(List.of(), traces());
        send("DELETE", "/v1/leads/never-seen", 404);
    }

    /** The items of the whole table that hold any of her identifiers, as text. */
    private static List<String> traces() {
        List<String> found = new ArrayList<>();
        runtime.dynamoDb().client().scanPaginator(ScanRequest.builder()
                        .tableName(runtime.dynamoDb().tableName("LeadScoreTable")).consistentRead(true).build())
                .items().forEach(item -> {
                    String text = Json.write(AttributeValues.values(item));
                    if (List.of(ADA, VISITOR, EMAIL, NAME).stream().anyMatch(text::contains)) {
                        found.add(text);
                    }
                });
        return found;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(field == null ? node.asText() : node.get(field).asText()));
        return texts;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void settle() {
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);
    }

    private static HttpRequest events(String body) {
        return HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events")).header("content-type", "application/json")
                .header("x-write-key", runtime.options().writeKey()).POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static void post(String body) throws Exception {
        HttpResponse<String> response = http.send(events(body), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    private static String send(String method, String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve(path))
                .header("authorization", "Bearer " + runtime.options().adminKey())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body();
    }

    private static JsonNode json(String body) throws Exception {
        return Json.mapper().readTree(body);
    }
}
