package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.AttributeValues;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A model review reminder, end to end in the local runtime: the model's review falls due, the admin runs the schedules
 * (as the hourly schedule would), and the decay function's run announces ModelReviewDue through the outbox; it is
 * published, matched by the notify rule, and delivered once to marketing's Slack channel and its signed webhook, which
 * NOTIFY_CONFIG route by type, while the sales team's default hears nothing of it; the admin API shows the review
 * overdue.
 */
class ReviewReminderEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    private static WebhookReceiver marketingSlack;
    private static WebhookReceiver marketingAutomation;
    private static WebhookReceiver sales;
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        marketingSlack = new WebhookReceiver();
        marketingAutomation = new WebhookReceiver();
        sales = new WebhookReceiver();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withEnvironment(Map.of(
                "NOTIFY_CONFIG", """
                        {"destinations": [
                           {"id": "marketing", "type": "slack", "url": "%s", "when": {"type": ["ModelReviewDue"]}},
                           {"id": "automation", "type": "webhook", "url": "%s", "when": {"type": ["ModelReviewDue"]}},
                           {"id": "sales", "type": "webhook", "url": "%s"}],
                         "default": "sales"}""".formatted(marketingSlack.url(), marketingAutomation.url(), sales.url()),
                "WEBHOOK_SECRET", NotificationLatency.SECRET)));
    }

    @AfterAll
    static void stop() {
        runtime.close();
        BusSchemas.assertConform(runtime.bus().published());
        marketingSlack.close();
        marketingAutomation.close();
        sales.close();
    }

    @Test
    void aReviewThatFellDueIsAnnouncedOnceToMarketing() throws Exception {
        Instant dueAt = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        Instant firstPublishedAt = dueAt.minus(Duration.ofDays(60));
        firstPublished(firstPublishedAt, dueAt);

        runSchedules();
        runSchedules(); // the next hour's run, early
        WebhookReceiver.Received slack = marketingSlack.await(body -> body.contains("due for review"), WAIT);
        WebhookReceiver.Received hook = marketingAutomation.await(body -> body.contains("ModelReviewDue"), WAIT);
        settle();

        String dueDate = dueAt.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        assertEquals("Scoring model default (revision 1) is due for review: first published "
                        + firstPublishedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate() + ", review due " + dueDate,
                Json.mapper().readTree(slack.body()).get("text").asText());
        JsonNode body = Json.mapper().readTree(hook.body());
        assertEquals("ModelReviewDue", body.get("type").asText());
        assertEquals("model:default/review/" + dueDate + "/automation", body.get("idempotencyKey").asText());
        assertEquals(dueAt.toString(), body.get("occurredAt").asText());
        assertEquals(dueAt.toString(), body.at("/data/dueAt").asText());
        ReadmeSamples.assertSameShape("ModelReviewDue", body);
        assertEquals(1, marketingSlack.received().size(), "once, however often the schedule runs");
        assertEquals(1, marketingAutomation.received().size());
        assertEquals(List.of(), sales.received(), "sales hears of qualifications only");
        JsonNode revisions = Json.mapper().readTree(http.send(HttpRequest.newBuilder(
                        runtime.baseUri().resolve("/v1/models/default/revisions"))
                .header("authorization", "Bearer " + runtime.options().adminKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(dueAt.toString(), revisions.get("nextReviewAt").asText(), "the reminder leaves the date be");
        assertEquals(true, revisions.get("reviewOverdue").asBoolean(), "overdue until a revision is published");
    }

    /** The model the runtime seeded at start, as if it had been first published then, and due for review since. */
    private static void firstPublished(Instant at, Instant dueAt) {
        runtime.dynamoDb().client().updateItem(request -> request
                .tableName(runtime.dynamoDb().tableName("LeadScoreTable"))
                .key(AttributeValues.item(Map.of("pk", "MODEL#default", "sk", "MODEL")))
                .updateExpression("SET firstPublishedAt = :at, nextReviewAt = :due, #revision = #revision + :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#revision", "revision"))
                .expressionAttributeValues(AttributeValues.item(Map.of(":at", at.toString(), ":due", dueAt.toString(),
                        ":one", 1))));
    }

    private static void runSchedules() throws Exception {
        HttpResponse<String> ran = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/local/schedules/run"))
                .header("authorization", "Bearer " + runtime.options().adminKey())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ran.statusCode(), ran.body());
    }

    /** Waits until the streams and the bus have carried everything through. */
    private static void settle() {
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);
        runtime.awaitStreams(WAIT);
        runtime.bus().drain(WAIT);
    }
}
