package io.leadscore.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.support.Json;
import io.leadscore.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deliveries to a real HTTP receiver on the loopback interface, recorded in DynamoDB Local. */
class NotifierTest {
    private static final String SECRET = NotifyConfigTest.SECRET;
    private static final Retry QUICK = new Retry(3, Duration.ofMillis(1), Duration.ofSeconds(2));

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final ManualClock clock = new ManualClock(Instant.now());
    private WebhookReceiver receiver;
    private DeliveryStore store;
    private DeliveryLog log;

    @BeforeEach
    void freshTableAndReceiver() {
        dynamoDb.freshTables();
        store = new DeliveryStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
        log = new DeliveryLog(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void postsASignedWebhookThatTheReceiverCanVerify() {
        List<DeliveryOutcome> outcomes = notifier(webhook("crm", "/crm")).notify(Samples.lead(), deadline());

        assertEquals(List.of(new DeliveryOutcome("crm", DeliveryOutcome.Result.DELIVERED, 1, 200, null)), outcomes);
        WebhookReceiver.Request request = receiver.requests("/crm").get(0);
        assertEquals("application/json", request.headers().get("content-type"));
        assertEquals("lead-42/salesReady/1/crm", request.headers().get("x-leadscore-idempotency-key"));
        assertTrue(verify(SECRET, request.headers(), request.body(), Instant.now()), "the signature holds");
        assertFalse(verify(SECRET, request.headers(), request.body().replace("105", "150"), Instant.now()),
                "a changed body does not");
        assertFalse(verify(SECRET, request.headers(), request.body(), Instant.now().plusSeconds(600)),
                "nor a replay ten minutes later");
        JsonNode body = json(request.body());
        assertEquals("LeadQualified", body.get("type").asText());
        assertEquals("lead-42/salesReady/1/crm", body.get("idempotencyKey").asText());
        assertEquals("2026-11-23T10:02:00Z", body.get("occurredAt").asText());
        assertEquals(json(Json.write(Samples.lead().detail())), body.get("data"), "the detail as published");
        assertTrue(body.get("data").get("group").isNull());

        Delivery delivery = log.forQualification("lead-42/salesReady/1").get(0);
        assertEquals(Delivery.Status.DELIVERED, delivery.status());
        assertEquals("webhook", delivery.destinationType());
        assertEquals(200, delivery.statusCode());
        assertEquals(1, delivery.attempts());
        assertNotNull(delivery.deliveredAt());
        assertNull(delivery.error());
        assertEquals(List.of(), log.forQualification("lead-42/salesReady/2"), "a qualification never notified");
    }

    @Test
    void postsAReviewReminderAsASignedWebhookOfTheSameShape() {
        notifier(webhook("marketing", "/marketing")).notify(Samples.reviewDue(), deadline());

        WebhookReceiver.Request request = receiver.requests("/marketing").get(0);
        assertTrue(verify(SECRET, request.headers(), request.body(), Instant.now()), "the signature holds");
        JsonNode body = json(request.body());
        List<String> fields = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("type", "idempotencyKey", "occurredAt", "data"), fields);
        assertEquals("ModelReviewDue", body.get("type").asText());
        assertEquals("model:default/review/2026-10-31/marketing", body.get("idempotencyKey").asText());
        assertEquals("2026-10-31T09:14:05Z", body.get("occurredAt").asText(), "when the review fell due");
        assertEquals(json(Json.write(Samples.reviewDue().detail())), body.get("data"), "the detail as published");
        assertEquals(Delivery.Status.DELIVERED,
                log.forQualification("model:default/review/2026-10-31").get(0).status());
    }

    @Test
    void postsTheSlackMessageWithItsIdempotencyKey() {
        notifier(config(destination("sales", "slack", "/slack", ""))).notify(Samples.lead(), deadline());

        WebhookReceiver.Request request = receiver.requests("/slack").get(0);
        assertEquals("lead-42/salesReady/1/sales", request.headers().get("x-leadscore-idempotency-key"));
        assertNull(request.headers().get("webhook-signature"), "Slack checks its own URL, not our signature");
        JsonNode message = json(request.body());
        assertTrue(message.get("text").asText().startsWith("Dana Diaz reached salesReady"));
        assertTrue(message.at("/blocks/3/elements/0/text").asText().endsWith("lead-42/salesReady/1/sales"));
    }

    @Test
    void retriesA500AndDeliversOnce() {
        receiver.answer("/crm", 500, 503, 200);

        List<DeliveryOutcome> outcomes = notifier(webhook("crm", "/crm")).notify(Samples.lead(), deadline());

        assertEquals(List.of(new DeliveryOutcome("crm", DeliveryOutcome.Result.DELIVERED, 3, 200, null)), outcomes);
        List<WebhookReceiver.Request> requests = receiver.requests("/crm");
        assertEquals(3, requests.size());
        assertEquals(1, requests.stream().map(r -> r.headers().get("x-leadscore-idempotency-key")).distinct().count());
        List<Delivery> deliveries = log.forQualification("lead-42/salesReady/1");
        assertEquals(1, deliveries.size());
        assertEquals(Delivery.Status.DELIVERED, deliveries.get(0).status());
        assertEquals(3, deliveries.get(0).attempts());
    }

    @Test
    void buffersWhatAReceiverThatStaysDownRefusesAndSendsItWhenItIsBack() {
        receiver.answer("/crm", 500);
        Notifier notifier = notifier(webhook("crm", "/crm"));

        List<DeliveryOutcome> buffered = notifier.notify(Samples.lead(), deadline());

        assertEquals(List.of(new DeliveryOutcome("crm", DeliveryOutcome.Result.BUFFERED, 3, 500, "HTTP 500")),
                buffered);
        assertFalse(buffered.get(0).unfinished(), "no exception, so nothing for Lambda to retry or dead-letter");
        Delivery delivery = log.forQualification("lead-42/salesReady/1").get(0);
        assertEquals(Delivery.Status.WAITING, delivery.status());
        assertEquals(500, delivery.statusCode());
        assertEquals("HTTP 500", delivery.error());
        assertEquals("refused_with_500", delivery.answer());
        assertEquals(3, delivery.attempts());
        assertEquals(clock.instant(), delivery.bufferedAt());
        assertEquals(clock.instant().plusSeconds(60), delivery.nextAttemptAt(), "the first scheduled retry");

        receiver.answer("/crm", 200);
        assertEquals(DeliveryOutcome.Result.ALREADY_BUFFERED, notifier.notify(Samples.lead(), deadline()).get(0)
                .result(), "Lambda's retry of the event leaves it to the queue");
        assertEquals(3, receiver.requests("/crm").size());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(new OutageSweep.Summary(1, 0, 0, 0), notifier.outageSweep().run(deadline()));
        Delivery retried = log.forQualification("lead-42/salesReady/1").get(0);
        assertEquals(Delivery.Status.DELIVERED, retried.status());
        assertEquals(4, retried.attempts(), "attempts count across invocations");
        assertNull(retried.error());
        assertNull(retried.nextAttemptAt());
        assertEquals(4, receiver.requests("/crm").size());
    }

    @Test
    void doesNotPostARedeliveredEventAgain() {
        Notifier notifier = notifier(webhook("crm", "/crm"));
        notifier.notify(Samples.lead(), deadline());

        List<DeliveryOutcome> again = notifier.notify(Samples.lead(), deadline());

        assertEquals(List.of(new DeliveryOutcome("crm", DeliveryOutcome.Result.ALREADY_DELIVERED, 0, null, null)),
                again);
        assertEquals(1, receiver.requests("/crm").size());
    }

    @Test
    void neverRetriesA400() {
        receiver.answer("/crm", 400);

        List<DeliveryOutcome> outcomes = notifier(webhook("crm", "/crm")).notify(Samples.lead(), deadline());

        assertEquals(List.of(new DeliveryOutcome("crm", DeliveryOutcome.Result.FAILED, 1, 400, "HTTP 400")), outcomes);
        assertEquals(1, receiver.requests("/crm").size());
        Delivery delivery = log.forQualification("lead-42/salesReady/1").get(0);
        assertEquals(Delivery.Status.FAILED, delivery.status());
        assertEquals(400, delivery.statusCode());
    }

    @Test
    void retriesAnUnreachableReceiver() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String config = """
                {"destinations": [{"id": "crm", "type": "webhook", "url": "http://127.0.0.1:%d/crm"}],
                 "default": "crm"}""".formatted(closedPort);

        List<DeliveryOutcome> outcomes = notifier(config).notify(Samples.lead(), deadline());

        assertEquals(List.of(new DeliveryOutcome("crm", DeliveryOutcome.Result.BUFFERED, 3, null, "ConnectException")),
                outcomes);
        assertEquals("ConnectException", log.forQualification("lead-42/salesReady/1").get(0).error());
    }

    @Test
    void deliversEachDestinationIndependently() {
        receiver.answer("/crm", 500);
        Notifier notifier = notifier(config(
                destination("sales", "slack", "/sales", ", \"when\": {\"profile.country\": [\"US\"]}"),
                destination("crm", "webhook", "/crm", ", \"when\": {\"group\": [null]}")));

        List<DeliveryOutcome> first = notifier.notify(Samples.lead(), deadline());

        assertEquals(List.of(DeliveryOutcome.Result.DELIVERED, DeliveryOutcome.Result.BUFFERED), results(first));
        receiver.answer("/crm", 200);
        List<DeliveryOutcome> retried = notifier.notify(Samples.lead(), deadline());
        assertEquals(List.of(DeliveryOutcome.Result.ALREADY_DELIVERED, DeliveryOutcome.Result.ALREADY_BUFFERED),
                results(retried));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, notifier.outageSweep().run(deadline()).delivered());
        assertEquals(1, receiver.requests("/sales").size(), "the delivered one is not sent twice");
        assertEquals(List.of("crm", "sales"), log.forQualification("lead-42/salesReady/1").stream()
                .map(Delivery::destinationId).toList());
    }

    @Test
    void leavesAClaimToItsHolderUntilItsDeadline() {
        NotifyConfig config = NotifyConfigTest.parse(webhook("crm", "/crm"), Optional.of(SECRET));
        Notification notification = new Notification(Samples.lead(), config.defaultDestination(), null);
        store.claim(notification, clock.instant(), clock.instant().plusSeconds(60), false); // an invocation still sending

        List<DeliveryOutcome> outcomes = notifier(webhook("crm", "/crm")).notify(Samples.lead(), deadline());

        assertEquals(List.of(new DeliveryOutcome("crm", DeliveryOutcome.Result.CLAIMED_ELSEWHERE, 0, null, null)),
                outcomes);
        assertTrue(outcomes.get(0).unfinished(), "Lambda retries: the holder may still fail");
        assertTrue(receiver.requests("/crm").isEmpty());
    }

    @Test
    void takesOverAClaimLeftByACrash() {
        NotifyConfig config = NotifyConfigTest.parse(webhook("crm", "/crm"), Optional.of(SECRET));
        Notification notification = new Notification(Samples.lead(), config.defaultDestination(), null);
        Instant crashed = clock.instant().minusSeconds(120);
        store.claim(notification, crashed, crashed.plusSeconds(60), false); // its deadline has passed: it is gone

        List<DeliveryOutcome> outcomes = notifier(webhook("crm", "/crm")).notify(Samples.lead(), deadline());

        assertEquals(DeliveryOutcome.Result.DELIVERED, outcomes.get(0).result());
        assertEquals(1, receiver.requests("/crm").size());
        Delivery delivery = log.forQualification("lead-42/salesReady/1").get(0);
        assertEquals(crashed, delivery.createdAt(), "the record is the crashed one's, taken over");
        assertEquals(Delivery.Status.DELIVERED, delivery.status());
    }

    /**
     * The receiver's check with the Standard Webhooks library, as the README shows it, at a given time: the library
     * itself compares the timestamp with the real clock (five minutes), so a later "now" is checked here first.
     */
    static boolean verify(String secret, Map<String, String> headers, String body, Instant now) {
        if (Math.abs(now.getEpochSecond() - Long.parseLong(headers.get("webhook-timestamp"))) > 300) {
            return false;
        }
        try {
            new Webhook(secret).verify(body, StandardWebhooksTest.multi(headers));
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }

    private Notifier notifier(String config) {
        return new Notifier(NotifyConfigTest.parse(config, Optional.of(SECRET)), store, QUICK, OutageBackoff.DEFAULT, clock);
    }

    private Instant deadline() {
        return clock.instant().plusSeconds(60);
    }

    private String webhook(String id, String path) {
        return config(destination(id, "webhook", path, ""));
    }

    private String destination(String id, String type, String path, String more) {
        return "{\"id\": \"%s\", \"type\": \"%s\", \"url\": \"%s\"%s}".formatted(id, type, receiver.url(path), more);
    }

    /** The destinations, the last one the default. */
    private static String config(String... destinations) {
        String last = json(destinations[destinations.length - 1]).get("id").asText();
        return "{\"destinations\": [" + String.join(", ", destinations) + "], \"default\": \"" + last + "\"}";
    }

    private static List<DeliveryOutcome.Result> results(List<DeliveryOutcome> outcomes) {
        return outcomes.stream().map(DeliveryOutcome::result).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
