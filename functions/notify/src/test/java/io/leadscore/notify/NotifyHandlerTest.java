package io.leadscore.notify;

import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.announcement.BusEvent;
import io.leadscore.activity.Retention;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.LeadErasure;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notify handler fed with the sample events in events/notify, with template.yaml's environment. */
class NotifyHandlerTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private WebhookReceiver receiver;
    private DeliveryLog log;

    @BeforeEach
    void freshTableAndReceiver() {
        dynamoDb.freshTables();
        log = new DeliveryLog(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @ParameterizedTest
    @Event(value = Samples.LEAD_QUALIFIED, type = ScheduledEvent.class)
    void logsWithTheTemplatesDefaultConfiguration(ScheduledEvent event) {
        new NotifyHandler(environment(Map.of())).handleRequest(event, null);

        Delivery delivery = log.forQualification("lead-42/salesReady/1").get(0);
        assertEquals("sales", delivery.destinationId());
        assertEquals("log", delivery.destinationType());
        assertEquals(Delivery.Status.DELIVERED, delivery.status());
    }

    @ParameterizedTest
    @Event(value = Samples.PLATFORM_EMEA, type = ScheduledEvent.class)
    void routesAPlatformLeadFromEmeaToItsChannel(ScheduledEvent event) {
        new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", routing()))).handleRequest(event, null);

        assertEquals(1, receiver.requests("/emea-platform").size());
        assertTrue(receiver.requests("/emea-platform").get(0).body().contains("Jonas reached salesReady for Platform"));
        assertEquals(List.of("emea-platform"), destinations("lead-77/platform.salesReady/2"), "not the default");
    }

    @ParameterizedTest
    @Event(value = Samples.ACCOUNT_QUALIFIED, type = ScheduledEvent.class)
    void routesAnAccountToItsOwner(ScheduledEvent event) {
        new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", """
                {"destinations": [
                   {"id": "kim", "type": "slack", "url": "%s", "when": {"profile.accountOwner": ["kim@example.com"]}},
                   {"id": "sales", "type": "log"}],
                 "default": "sales", "accountUrl": "https://crm.example/accounts/{accountId}"}
                """.formatted(receiver.url("/kim"))))).handleRequest(event, null);

        assertEquals(List.of("kim"), destinations("account:acme.example/salesReady/1"));
        assertTrue(receiver.requests("/kim").get(0).body().contains(
                "account acme.example reached salesReady: score 210 (threshold 200) https://crm.example/accounts/acme.example"),
                receiver.requests("/kim").get(0).body());
    }

    @ParameterizedTest
    @Event(value = Samples.LEAD_QUALIFIED, type = ScheduledEvent.class)
    void sendsWhatNoRouteTakesToTheDefault(ScheduledEvent event) {
        new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", routing()))).handleRequest(event, null);

        assertTrue(receiver.requests("/emea-platform").isEmpty());
        assertEquals(List.of("sales"), destinations("lead-42/salesReady/1"));
    }

    @ParameterizedTest
    @Event(value = Samples.LEAD_QUALIFIED, type = ScheduledEvent.class)
    void buffersForADestinationThatStaysDownWithoutFailingTheInvocation(ScheduledEvent event) {
        receiver.answer("/crm", 503);
        NotifyHandler handler = new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", webhook())));

        handler.handleRequest(event, null); // no exception: nothing for Lambda to retry or send to the DLQ

        assertEquals(2, receiver.requests("/crm").size());
        assertEquals(Delivery.Status.WAITING, log.forQualification("lead-42/salesReady/1").get(0).status());
    }

    @ParameterizedTest
    @Event(value = Samples.LEAD_QUALIFIED, type = ScheduledEvent.class)
    void failsTheInvocationWhenADestinationRefusesForGood(ScheduledEvent event) {
        receiver.answer("/crm", 404);
        NotifyHandler handler = new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", webhook())));

        NotificationFailedException failed = assertThrows(NotificationFailedException.class,
                () -> handler.handleRequest(event, null));

        assertEquals("lead-42/salesReady/1 not delivered to crm: HTTP 404 after 1 attempt", failed.getMessage());
        assertEquals(Delivery.Status.FAILED, log.forQualification("lead-42/salesReady/1").get(0).status());
    }

    @ParameterizedTest
    @Event(value = Samples.LEAD_QUALIFIED, type = ScheduledEvent.class)
    void postsARedeliveredEventOnce(ScheduledEvent event) {
        NotifyHandler handler = new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", webhook())));

        handler.handleRequest(event, null);
        handler.handleRequest(event, null);

        assertEquals(1, receiver.requests("/crm").size());
    }

    @ParameterizedTest
    @Event(value = Samples.LEAD_QUALIFIED, type = ScheduledEvent.class)
    void deliversNothingOfALeadErasedWhileItsQualificationWasOnTheBus(ScheduledEvent event) {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        String table = dynamoDb.tableName("LeadScoreTable");
        new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT).record(new Activity("evt-1", "page_view", "lead-42", at,
                Map.of("url", "https://acme.example/pricing"), "acme-site", at));
        new LeadErasure(dynamoDb.client(), table, Clock.systemUTC()).erase("lead-42",
                ModelLoader.defaultModel().accounts()).orElseThrow();

        new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", webhook()))).handleRequest(event, null);

        assertEquals(0, receiver.requests("/crm").size());
        assertEquals(List.of(), log.forQualification("lead-42/salesReady/1"), "no record names the lead again");
    }

    @ParameterizedTest
    @Event(value = Samples.LEAD_QUALIFIED, type = ScheduledEvent.class)
    void erasureTakesTheLeadsNotificationsOutOfTheOutageQueue(ScheduledEvent event) {
        String table = dynamoDb.tableName("LeadScoreTable");
        new Outbox(dynamoDb.client(), table).storeOnce(BusEvent.read(event.getDetailType(), event.getDetail()),
                Instant.now());
        receiver.answer("/crm", 503);
        new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", webhook()))).handleRequest(event, null);
        assertEquals(1, dynamoDb.client().scan(b -> b.tableName(table)).items().stream()
                .filter(item -> item.get("pk").s().equals("NOTIFYQ#crm")).count(), "buffered: the webhook is down");

        new LeadErasure(dynamoDb.client(), table, Clock.systemUTC()).erase("lead-42",
                ModelLoader.defaultModel().accounts()).orElseThrow();

        assertEquals(List.of(), dynamoDb.client().scan(b -> b.tableName(table)).items().stream()
                .filter(item -> item.toString().contains("lead-42")).toList(),
                "nothing names her, not even the outage queue, which the scheduled retry serves from");
    }

    @ParameterizedTest
    @Event(value = Samples.REVIEW_DUE, type = ScheduledEvent.class)
    void tellsMarketingOnceThatTheModelIsDueForReview(ScheduledEvent event) {
        NotifyHandler handler = new NotifyHandler(environment(Map.of("NOTIFY_CONFIG", """
                {"destinations": [
                   {"id": "marketing", "type": "slack", "url": "%s", "when": {"type": ["ModelReviewDue"]}},
                   {"id": "crm", "type": "webhook", "url": "%s", "when": {"group": [null]}},
                   {"id": "sales", "type": "log"}],
                 "default": "sales"}
                """.formatted(receiver.url("/marketing"), receiver.url("/crm")))));

        handler.handleRequest(event, null);
        handler.handleRequest(event, null);

        assertEquals(1, receiver.requests("/marketing").size(), "a redelivered reminder is posted once");
        assertTrue(receiver.requests("/marketing").get(0).body().contains("\"text\":\"Scoring model default"
                + " (revision 3) is due for review: first published 2026-09-01, review due 2026-10-31\""),
                receiver.requests("/marketing").get(0).body());
        assertTrue(receiver.requests("/crm").isEmpty(), "sales' CRM takes qualifications");
        assertEquals(List.of("marketing"), destinations("model:default/review/2026-10-31"));
    }

    @ParameterizedTest
    @Event(value = "../../events/bus/job-segment-ready.json", type = ScheduledEvent.class)
    void refusesAnEventItDoesNotDeliver(ScheduledEvent event) {
        NotifyHandler handler = new NotifyHandler(environment(Map.of()));

        assertEquals("detail-type 'JobSegmentReady' is not one notify delivers (LeadQualified, AccountQualified,"
                        + " ModelReviewDue)",
                assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(event, null)).getMessage());
    }

    @ParameterizedTest
    @Event(value = Samples.LEAD_QUALIFIED, type = ScheduledEvent.class)
    void refusesAnEventItCannotRead(ScheduledEvent event) {
        event.getDetail().remove("qualificationId");
        NotifyHandler handler = new NotifyHandler(environment(Map.of()));

        assertEquals("LeadQualified event is invalid: qualificationId: required",
                assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(event, null)).getMessage());
    }

    @Test
    void refusesABadConfigurationAtStart() {
        NotifyConfigException config = assertThrows(NotifyConfigException.class, () -> new NotifyHandler(
                environment(Map.of("NOTIFY_CONFIG", webhook(), "WEBHOOK_SECRET", ""))));
        assertEquals(List.of("destinations[0]: type webhook signs with a signing key, and none is set (the secret's"
                        + " signingKeys, or WEBHOOK_SECRET locally)"),
                config.problems());

        NotifyConfigException backoff = assertThrows(NotifyConfigException.class, () -> new NotifyHandler(
                environment(Map.of("NOTIFY_BACKOFF_MS", "fast"))));
        assertEquals("NOTIFY_BACKOFF_MS is invalid:\n  - must be a whole number from 0 to 10000, not 'fast'",
                backoff.getMessage());
    }

    /** The function's environment from template.yaml, with quick retries and a signing key. */
    private static Environment environment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("NotifyFunction"));
        env.put("NOTIFY_MAX_ATTEMPTS", "2");
        env.put("NOTIFY_BACKOFF_MS", "1");
        env.put("WEBHOOK_SECRET", NotifyConfigTest.SECRET);
        env.put("NOTIFY_ALLOW_LOOPBACK", "true");
        env.putAll(overrides);
        return new Environment(env);
    }

    private String routing() {
        return """
                {"destinations": [
                   {"id": "emea-platform", "type": "slack", "url": "%s",
                    "when": {"group": ["platform"], "profile.country": ["DE", "FR", "GB"]}},
                   {"id": "sales", "type": "log"}],
                 "default": "sales", "leadUrl": "https://crm.example/leads/{leadId}"}
                """.formatted(receiver.url("/emea-platform"));
    }

    private String webhook() {
        return """
                {"destinations": [{"id": "crm", "type": "webhook", "url": "%s"}], "default": "crm"}
                """.formatted(receiver.url("/crm"));
    }

    private List<String> destinations(String qualificationId) {
        return log.forQualification(qualificationId).stream().map(Delivery::destinationId).toList();
    }
}
