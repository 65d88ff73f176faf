package io.leadscore.notify;

import io.leadscore.aws.dynamodb.Delivery;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook down for an hour, then for a day, while leads qualify: the notifications wait in the destination's
 * outage queue in DynamoDB Local and the scheduled retry, run every minute of a clock the test moves, serves them.
 */
class OutageSweepTest {
    private static final Retry QUICK = new Retry(3, Duration.ofMillis(1), Duration.ofSeconds(2));

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
    private WebhookReceiver receiver;
    private DeliveryLog log;
    private Notifier notifier;

    @BeforeEach
    void freshTableAndReceiver() {
        dynamoDb.freshTables();
        log = new DeliveryLog(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
        receiver = WebhookReceiver.start();
        String config = """
                {"destinations": [{"id": "crm", "type": "webhook", "url": "%s"}], "default": "crm"}
                """.formatted(receiver.url("/crm"));
        notifier = new Notifier(NotifyConfigTest.parse(config, Optional.of(NotifyConfigTest.SECRET)),
                new DeliveryStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable")), QUICK,
                OutageBackoff.DEFAULT, clock);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void anHourLongOutageDeliversEveryNotificationOnceInOrderPerLeadWithoutAPerson() {
        receiver.answer("/crm", 503);
        List<String> qualified = new ArrayList<>();
        QualifiedEvent first = qualification("lead-42", 1);
        for (int minute = 0; minute <= 60; minute++) {
            if (minute % 10 == 0) { // a qualification every ten minutes, the two leads in turn
                QualifiedEvent event = minute == 0 ? first
                        : qualification(minute % 20 == 0 ? "lead-42" : "lead-77", minute / 10 + 1);
                qualified.add(event.qualificationId());
                List<DeliveryOutcome> outcomes = notifier.notify(event, deadline());
                assertEquals(DeliveryOutcome.Result.BUFFERED, outcomes.get(0).result());
                assertFalse(outcomes.get(0).unfinished(), "the handler does not throw: nothing for the DLQ");
            }
            if (minute == 25) {
                assertEquals(DeliveryOutcome.Result.ALREADY_BUFFERED,
                        notifier.notify(first, deadline()).get(0).result(),
                        "an event delivered again during the outage");
            }
            OutageSweep.Summary summary = notifier.outageSweep().run(deadline());
            assertEquals(0, summary.delivered());
            assertEquals(minute, summary.oldestBufferedMinutes(), "the first one buffered, at minute 0");
            clock.advance(Duration.ofMinutes(1));
        }
        // 3 attempts when the first came, then the queue's head only, at minutes 1, 3, 7, 15, 30, 45 and 60
        assertEquals(3 + 7 * 3, receiver.requests("/crm").size(), "the later ones were queued behind, not sent");
        List<String> behind = qualified.subList(1, qualified.size());
        behind.forEach(id -> assertEquals(0, log.forQualification(id).get(0).attempts(), id));

        receiver.answer("/crm", 200);
        int before = receiver.requests("/crm").size();
        int minutes = 0;
        while (!log.forQualification(qualified.get(qualified.size() - 1)).get(0).status()
                .equals(Delivery.Status.DELIVERED)) {
            clock.advance(Duration.ofMinutes(1));
            minutes++;
            // Two runs that overlap, and the event delivered again: still once each.
            CompletableFuture<OutageSweep.Summary> other = CompletableFuture.supplyAsync(
                    () -> notifier.outageSweep().run(deadline()));
            notifier.outageSweep().run(deadline());
            other.join();
            notifier.notify(first, deadline());
        }

        assertEquals(75 - 61, minutes, "the head, last tried at minute 60, waits 15 minutes; the rest follow at once");
        List<String> received = receiver.requests("/crm").subList(before, receiver.requests("/crm").size()).stream()
                .map(request -> request.headers().get(JsonPoster.IDEMPOTENCY_KEY).replace("/crm", "")).toList();
        assertEquals(qualified, received, "every one once, in the order they happened, so in order per lead");
        for (String id : qualified) {
            Delivery delivery = log.forQualification(id).get(0);
            assertEquals(Delivery.Status.DELIVERED, delivery.status(), id);
            assertNull(delivery.nextAttemptAt(), id);
        }
        assertEquals(0, notifier.outageSweep().run(deadline()).oldestBufferedMinutes(), "the queue is empty");
    }

    @Test
    void aNotificationForALeadWithOneBufferedGoesBehindItEvenWhenTheDestinationIsBack() {
        receiver.answer("/crm", 503, 503, 503, 200);
        notifier.notify(qualification("lead-42", 1), deadline());

        List<DeliveryOutcome> second = notifier.notify(qualification("lead-42", 2), deadline());

        assertEquals(List.of(new DeliveryOutcome("crm", DeliveryOutcome.Result.BUFFERED, 0, null,
                "behind notifications buffered before it")), second);
        assertEquals(3, receiver.requests("/crm").size(), "not sent ahead of the first");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(new OutageSweep.Summary(2, 0, 0, 0), notifier.outageSweep().run(deadline()));
        assertEquals(List.of("lead-42/salesReady/1/crm", "lead-42/salesReady/2/crm"), receiver.requests("/crm")
                .subList(3, 5).stream().map(request -> request.headers().get(JsonPoster.IDEMPOTENCY_KEY)).toList());
    }

    @Test
    void aLeadsNotificationsBufferedOutOfOrderAreDeliveredInTheOrderTheyHappened() {
        receiver.answer("/crm", 503);
        QualifiedEvent earlier = qualification("lead-42", 1);
        clock.advance(Duration.ofSeconds(1));
        // Two invocations at once: the later qualification's attempts ended first.
        notifier.notify(qualification("lead-42", 2), deadline());
        clock.advance(Duration.ofSeconds(1));
        notifier.notify(earlier, deadline());
        receiver.answer("/crm", 200);
        clock.advance(Duration.ofMinutes(1));

        assertEquals(2, notifier.outageSweep().run(deadline()).delivered());

        assertEquals(List.of("lead-42/salesReady/1/crm", "lead-42/salesReady/2/crm"), receiver.requests("/crm")
                .subList(3, 5).stream().map(request -> request.headers().get(JsonPoster.IDEMPOTENCY_KEY)).toList());
    }

    @Test
    void abandonsWhatADestinationDownForADayNeverTookAndReportsIt() {
        receiver.answer("/crm", 503);
        long oldest = 0;
        int abandoned = 0;
        for (int minute = 0; minute <= 24 * 60 + 5; minute++) {
            if (minute == 0 || minute == 5) {
                notifier.notify(qualification(minute == 0 ? "lead-42" : "lead-77", minute + 1), deadline());
            }
            OutageSweep.Summary summary = notifier.outageSweep().run(deadline());
            abandoned += summary.abandoned();
            oldest = abandoned == 0 ? summary.oldestBufferedMinutes() : oldest;
            clock.advance(Duration.ofMinutes(1));
        }

        assertEquals(24 * 60 - 1, oldest, "reported every minute, up to the last run before it was abandoned");
        assertEquals(1, abandoned, "the first, buffered at minute 0; the second has 5 minutes left");
        Delivery first = log.forQualification("lead-42/salesReady/1").get(0);
        assertEquals(Delivery.Status.ABANDONED, first.status());
        assertEquals(503, first.statusCode(), "the record keeps what happened");
        assertEquals("HTTP 503", first.error());
        assertTrue(first.attempts() > 3, "tried again during the day: " + first.attempts());
        assertNull(first.nextAttemptAt());
        Delivery second = log.forQualification("lead-77/salesReady/6").get(0);
        assertEquals(Delivery.Status.WAITING, second.status(), "now at the head, with its own day");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(1, notifier.outageSweep().run(deadline()).abandoned());
        assertEquals(Delivery.Status.ABANDONED, log.forQualification("lead-77/salesReady/6").get(0).status());
    }

    @Test
    void abandonsABufferedNotificationTheDestinationRefusesForGoodAndServesTheNext() {
        receiver.answer("/crm", 503, 503, 503, 410, 200);
        notifier.notify(qualification("lead-42", 1), deadline());
        notifier.notify(qualification("lead-42", 2), deadline());
        clock.advance(Duration.ofMinutes(1));

        assertEquals(new OutageSweep.Summary(1, 0, 1, 0), notifier.outageSweep().run(deadline()));

        assertEquals(Delivery.Status.ABANDONED, log.forQualification("lead-42/salesReady/1").get(0).status());
        assertEquals(410, log.forQualification("lead-42/salesReady/1").get(0).statusCode());
        assertEquals(Delivery.Status.DELIVERED, log.forQualification("lead-42/salesReady/2").get(0).status());
    }

    /** The lead's n-th qualification, now. */
    private QualifiedEvent qualification(String leadId, int n) {
        return Samples.read(Samples.LEAD_QUALIFIED, detail -> {
            detail.put("at", clock.instant().toString());
            detail.put("leadId", leadId);
            detail.put("qualificationId", leadId + "/salesReady/" + n);
        });
    }

    private Instant deadline() {
        return clock.instant().plusSeconds(60);
    }
}
