package io.leadscore.local.runtime;

import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.events.OutboxRepublish;
import io.leadscore.local.PublishedEvent;
import io.leadscore.local.runtime.FaultInjector.Failure;
import io.leadscore.local.runtime.FaultInjector.Injection;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.leadscore.local.runtime.FaultInjector.every;
import static io.leadscore.local.runtime.FaultInjector.first;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Announcements survive a bus that refuses entries or fails whole, and a sales team's webhook that is down for a
 * while: every outbox record is published at least once, and each qualification is delivered exactly once.
 */
class DeliveryFaultsTest {
    private static final List<String> LEADS = List.of("nia", "oz", "pam", "quin", "rex");

    @Test
    void entriesTheBusRefusesArePublishedFromTheirStreamPositionAndDeliveredOnce() throws Exception {
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            pipeline.recordJourneys(LEADS, 2);
            // A share of the entries, for a while: an entry refused on all 21 attempts of the publish mapping would
            // be skipped, to the on-failure destination in AWS, as the event source mapping is configured to.
            try (Injection refusals = FaultInjector.refusePutEventsEntries(every(3).and(first(15)))) {
                pipeline.settle();
                assertTrue(refusals.injected() > 0, "the bus refused entries");
                System.out.println("[fault] PutEvents entries refused: " + refusals.injected());
            }
            assertPublishedAndDeliveredOnce("PutEvents refusing every 3rd of the first 15 entries", pipeline, salesTeam);
        }
    }

    @Test
    void aPutEventsCallThatFailsWholeIsRetriedAndNothingIsLost() throws Exception {
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            pipeline.recordJourneys(LEADS, 2);
            try (Injection outage = FaultInjector.injectIntoWholeCalls(Failure.SERVER_ERROR, first(1), "PutEvents")) {
                pipeline.settle();
                assertTrue(outage.injected() > 1, "every attempt of the first call failed");
            }
            assertPublishedAndDeliveredOnce("PutEvents failing whole the first time", pipeline, salesTeam);
        }
    }

    /**
     * The bus refuses every entry until the publish mapping gives up on the batch (its failure record holds stream
     * positions only, and the stream keeps 24 hours): the records wait in the table, unpublished, until the scheduled
     * re-publish takes them, after RepublishAfterMinutes, and each reaches the bus once.
     */
    @Test
    void aPublishBatchThatFailedForGoodIsRepublishedFromTheTableAndDeliveredOnce() throws Exception {
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            pipeline.recordJourneys(LEADS, 2);
            try (Injection refusals = FaultInjector.refusePutEventsEntries(every(1))) {
                pipeline.settle();
                assertTrue(refusals.injected() > LEADS.size(), "every attempt refused");
            }
            assertEquals(List.of(), pipeline.bus().published(), "nothing reached the bus");
            Instant written = LEADS.stream().map(lead -> pipeline.outbox().forLead(lead).get(0).createdAt())
                    .max(Comparator.naturalOrder()).orElseThrow();

            Instant due = written.plus(Duration.ofMinutes(16));
            assertEquals(0, pipeline.republishAt(written.plus(Duration.ofMinutes(14))).found(), "not before the delay");
            assertEquals(new OutboxRepublish.Outcome(LEADS.size(), LEADS.size(), 0, 0, 0), pipeline.republishAt(due));
            assertEquals(0, pipeline.republishAt(due.plus(Duration.ofMinutes(20))).found(), "published once");
            pipeline.settle();

            Map<String, Long> onTheBus = pipeline.bus().published().stream()
                    .map(event -> qualificationId(event.json()))
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
            Map<String, Long> once = new TreeMap<>();
            LEADS.forEach(lead -> once.put(lead + "/salesReady/1", 1L));
            assertEquals(once, onTheBus);
            assertPublishedAndDeliveredOnce("a publish batch failed for good, then re-published", pipeline, salesTeam);
        }
    }

    @Test
    void aWebhookDownForAWhileGetsEachQualificationOnceWithoutADeadLetter() throws Exception {
        // Two attempts per invocation: the notify function's (503, 503) buffer the notification; the scheduled
        // retry a minute later gets a 503 then a 200. The webhook's outage outlasts the function's own retries.
        try (FlakyWebhook salesTeam = FlakyWebhook.downForFirst(3);
             Pipeline pipeline = Pipeline.start(salesTeam, Map.of("NOTIFY_MAX_ATTEMPTS", "2"))) {
            pipeline.recordJourneys(List.of("sol"), 2);
            pipeline.settle();
            assertEquals(2, salesTeam.refused());
            assertEquals(Delivery.Status.WAITING,
                    pipeline.deliveries().forQualification("sol/salesReady/1").get(0).status());

            pipeline.retryBufferedAt(Instant.now().plus(Duration.ofMinutes(1)));

            assertEquals(3, salesTeam.refused());
            assertEquals(Pipeline.salesReadyOnceEach(List.of("sol")), salesTeam.acceptedByIdempotencyKey());
            assertEquals(List.of(), pipeline.bus().deadLetters(), "no dead letter");
            List<Delivery> deliveries = pipeline.deliveries().forQualification("sol/salesReady/1");
            assertEquals(1, deliveries.size());
            assertEquals(Delivery.Status.DELIVERED, deliveries.get(0).status());
            assertEquals(4, deliveries.get(0).attempts(), "attempts across both invocations");
            pipeline.replay().reconcile(pipeline.leads()).assertExact("webhook down for the first 3 requests");
        }
    }

    private static String qualificationId(String event) {
        try {
            return Json.mapper().readTree(event).at("/detail/qualificationId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertPublishedAndDeliveredOnce(String scenario, Pipeline pipeline, FlakyWebhook salesTeam) {
        Outbox outbox = pipeline.outbox();
        List<String> published = pipeline.bus().published().stream().map(PublishedEvent::json).toList();
        for (String lead : LEADS) {
            List<Outbox.Record> records = outbox.forLead(lead);
            assertEquals(1, records.size(), lead + " qualified once");
            Outbox.Record record = records.get(0);
            assertNotNull(record.publishedAt(), record.qualificationId() + " is marked published");
            long onTheBus = published.stream()
                    .filter(event -> event.contains("\"qualificationId\":\"" + record.qualificationId() + "\"")).count();
            assertTrue(onTheBus >= 1, record.qualificationId() + " reached the bus (" + onTheBus + " times)");
        }
        assertEquals(List.of(), pipeline.bus().deadLetters(), "no dead letter");
        assertEquals(Pipeline.salesReadyOnceEach(LEADS), salesTeam.acceptedByIdempotencyKey());
        pipeline.replay().reconcile(pipeline.leads()).assertExact(scenario);
        System.out.println("[fault] " + scenario + ": " + published.size() + " events on the bus for " + LEADS.size()
                + " qualifications");
    }
}
