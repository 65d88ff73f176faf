package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.local.PublishedEvent;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sales team's webhook down for more than an hour, in the local runtime as template.yaml describes it: the
 * notify function buffers what it cannot deliver, and NotifyRetryFunction, on the template's schedule (every minute
 * of the functions' clock, which runs 360 times faster here), delivers it all once the webhook is back: each
 * notification once, each lead's in the order they were published, and nothing in the dead-letter queue.
 */
class WebhookOutageEndToEndTest {
    /** An hour of the functions' time in ten seconds. */
    private static final int CLOCK_SPEED = 360;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> LEADS = List.of("ana", "ben", "cy");

    @Test
    void aWebhookDownForMoreThanAnHourGetsEveryNotificationOnceInOrderPerLeadWhenItIsBack() throws Exception {
        try (FlakyWebhook crm = FlakyWebhook.up();
             LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                     .withEnvironment(environment(crm)))) {
            crm.goDown();
            for (String lead : LEADS) {
                Events.post(runtime, NotificationLatency.warmUp(lead));
                Events.post(runtime, NotificationLatency.qualifying(lead)); // 105: salesReady
                Events.post(runtime, forms(lead)); // 46 more points: hot (150)
            }
            long publishedBy = System.nanoTime() + WAIT.toNanos();
            while (qualificationIds(runtime).size() < 2 * LEADS.size() && System.nanoTime() < publishedBy) {
                runtime.awaitStreams(WAIT);
                runtime.bus().drain(WAIT);
                Thread.sleep(50);
            }
            List<String> published = qualificationIds(runtime);
            assertEquals(2 * LEADS.size(), published.size(), "salesReady and hot for each lead: " + published);

            Thread.sleep(Duration.ofMinutes(70).dividedBy(CLOCK_SPEED).toMillis()); // 70 minutes of the functions' time
            DeliveryLog log = new DeliveryLog(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"));
            for (String id : published) {
                // Buffered; or, at this instant, claimed by the scheduled retry trying the queue's head (every minute
                // of the functions' time, a few milliseconds here): neither delivered nor given up.
                Delivery.Status status = log.forQualification(id).get(0).status();
                assertTrue(status == Delivery.Status.WAITING || status == Delivery.Status.PENDING, id + ": " + status);
            }
            assertEquals(0, crm.acceptedByIdempotencyKey().size());
            int refusedDuringTheOutage = crm.refused();
            assertTrue(refusedDuringTheOutage < 10 * 4, "the queue's head only, at growing intervals: "
                    + refusedDuringTheOutage);

            crm.comeBack();
            long until = System.nanoTime() + WAIT.toNanos();
            while (crm.accepted().size() < published.size() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            Thread.sleep(Duration.ofMinutes(5).dividedBy(CLOCK_SPEED).toMillis()); // any repeat would come by now

            assertEquals(published.stream().collect(Collectors.toMap(id -> id + "/crm", id -> 1L)),
                    crm.acceptedByIdempotencyKey(), "every notification once");
            for (String lead : LEADS) {
                assertEquals(ofLead(published, lead), ofLead(crm.accepted().stream()
                        .map(WebhookOutageEndToEndTest::qualificationId).toList(), lead), lead + "'s in order");
            }
            for (String id : published) {
                assertEquals(Delivery.Status.DELIVERED, log.forQualification(id).get(0).status(), id);
            }
            assertEquals(List.of(), runtime.bus().deadLetters(), "no dead letter: no person needed");
        }
    }

    private static Map<String, String> environment(FlakyWebhook crm) {
        Map<String, String> env = new HashMap<>(NotificationLatency.webhookTo(crm.url()));
        env.put(Clocks.CLOCK_SPEED, String.valueOf(CLOCK_SPEED));
        return env;
    }

    /** Three whitepapers (10 points each) and two webinars (8 each). */
    private static String forms(String lead) {
        StringBuilder events = new StringBuilder();
        for (String form : List.of("whitepaper-a", "whitepaper-b", "whitepaper-c", "webinar-a", "webinar-b")) {
            events.append(events.isEmpty() ? "" : ",").append("{\"eventId\": \"").append(lead).append("-")
                    .append(form).append("\", \"type\": \"form_submit\", \"leadId\": \"").append(lead)
                    .append("\", \"timestamp\": \"").append(Instant.now())
                    .append("\", \"properties\": {\"formId\": \"").append(form).append("\"}}");
        }
        return "{\"events\": [" + events + "]}";
    }

    /** The qualifications the bus carried, in the order it published them. */
    private static List<String> qualificationIds(LocalRuntime runtime) {
        return runtime.bus().published().stream().map(PublishedEvent::json)
                .filter(event -> event.contains("\"LeadQualified\""))
                .map(event -> json(event).at("/detail/qualificationId").asText()).toList();
    }

    private static List<String> ofLead(List<String> qualificationIds, String lead) {
        return qualificationIds.stream().filter(id -> id.startsWith(lead + "/")).toList();
    }

    private static String qualificationId(String webhookBody) {
        return json(webhookBody).at("/data/qualificationId").asText();
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
