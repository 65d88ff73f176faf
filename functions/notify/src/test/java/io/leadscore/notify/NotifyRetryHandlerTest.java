package io.leadscore.notify;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notify function buffers for a webhook that is down, and the scheduled retry, with template.yaml's environment,
 * reports what the alarms watch: the oldest buffered notification's age, and those abandoned.
 */
class NotifyRetryHandlerTest {
    private static final Instant QUALIFIED = Instant.parse("2026-11-23T10:02:01Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private WebhookReceiver receiver;

    @BeforeEach
    void freshTableAndReceiver() {
        dynamoDb.freshTables();
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void reportsTheOldestBufferedNotificationsAgeThenItsAbandonment() {
        receiver.answer("/crm", 503);
        ScheduledEvent event = EventLoader.loadScheduledEvent(Samples.LEAD_QUALIFIED);
        JsonNode buffering = metrics(() -> new NotifyHandler(environment("NotifyFunction", QUALIFIED))
                .handleRequest(event, null));
        assertEquals(1, buffering.get("NotificationsBuffered").asInt());
        assertEquals(0, buffering.get("NotificationsFailed").asInt());

        JsonNode later = metrics(() -> retryAt(QUALIFIED.plus(Duration.ofMinutes(90))));
        int age = later.get("OldestBufferedDeliveryMinutes").asInt();
        assertTrue(age == 89 || age == 90, "buffered seconds after the clock started: " + age);
        assertEquals(1, later.get("NotificationsRetriedInVain").asInt());
        assertEquals(0, later.get("NotificationsAbandoned").asInt());

        JsonNode nextDay = metrics(() -> retryAt(QUALIFIED.plus(Duration.ofHours(25))));
        assertEquals(1, nextDay.get("NotificationsAbandoned").asInt());
        assertEquals(0, nextDay.get("OldestBufferedDeliveryMinutes").asInt(), "nothing is left buffered");
        assertEquals(Delivery.Status.ABANDONED, new DeliveryLog(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"))
                .forQualification("lead-42/salesReady/1").get(0).status());
    }

    private void retryAt(Instant at) {
        new NotifyRetryHandler(environment("NotifyRetryFunction", at)).handleRequest(Map.of(), null);
    }

    /** The function's environment from template.yaml, its clock started at {@code at}. */
    private Environment environment(String function, Instant at) {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(function));
        env.put("NOTIFY_CONFIG", """
                {"destinations": [{"id": "crm", "type": "webhook", "url": "%s"}], "default": "crm"}
                """.formatted(receiver.url("/crm")));
        env.put("NOTIFY_MAX_ATTEMPTS", "2");
        env.put("NOTIFY_BACKOFF_MS", "1");
        env.put("WEBHOOK_SECRET", NotifyConfigTest.SECRET);
        env.put("NOTIFY_ALLOW_LOOPBACK", "true");
        env.put(Clocks.CLOCK_START, at.toString());
        return new Environment(env);
    }

    /** The invocation's embedded metric line. */
    private static JsonNode metrics(Runnable invocation) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            invocation.run();
        } finally {
            System.setOut(original);
        }
        String line = Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(text -> text.startsWith("{\"_aws\"")).reduce((first, last) -> last).orElseThrow();
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
