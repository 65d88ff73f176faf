package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A background poller is quiet while its stream is empty, and a write wakes it at once. */
class StreamPollerIdleTest {

    private static final StreamSource SOURCE =
            SamTemplate.load(SamTemplate.locate()).function("ScoreFunction").streamSources().get(0);
    /** A timer so slow that whatever happens within seconds is the doing of a write, not of the timer. */
    private static final StreamPoller.IdleBackoff A_MINUTE =
            new StreamPoller.IdleBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1));

    private final LocalDynamoDb db = LocalDynamoDb.shared();
    private final String table = db.tableName("LeadScoreTable");

    @BeforeEach
    void emptyTable() {
        db.freshTables();
    }

    @Test
    void backsOffWhileTheStreamIsEmpty() {
        // The default doubles up to a minute; a cap of a second shows the same in a shorter test.
        try (StreamPoller poller = new StreamPoller(db, SOURCE, event -> null, failure -> { },
                new StreamPoller.IdleBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))).start()) {
            sleep(Duration.ofMillis(2500)); // 100 + 200 + 400 + 800 ms of empty waits reach the cap
            long before = poller.polls();
            sleep(Duration.ofSeconds(3));
            long polls = poller.polls() - before;
            // Every 100 ms, as it polled before, would be 30 passes; every second is 3, give or take one.
            assertTrue(polls >= 1 && polls <= 4, polls + " passes over three idle seconds");
            assertEquals(0, poller.wakeupsByWrite());
        }
    }

    @Test
    void aWriteWakesTheBackedOffPollerAtOnce() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(1);
        try (StreamPoller poller = slowTimer(event -> {
            delivered.countDown();
            return null;
        })) {
            awaitPolls(poller, 1); // the first pass is done and found nothing: now it waits a minute
            putActivity("ACT#000");
            assertTrue(delivered.await(10, TimeUnit.SECONDS), "the write did not wake the poller");
            awaitPolls(poller, 2); // the pass is counted when done, after its handler has run
            assertEquals(1, poller.wakeupsByWrite());
            assertEquals(1, poller.deliveredRecords());
            sleep(Duration.ofMillis(200));
            assertEquals(2, poller.polls(), "one pass on the write, then back to waiting");
        }
    }

    @Test
    void readsDoNotWakeIt() {
        try (StreamPoller poller = slowTimer(event -> null)) {
            awaitPolls(poller, 1);
            for (int i = 0; i < 20; i++) {
                db.client().getItem(request -> request.tableName(table).key(key("ACT#000")));
                db.client().query(request -> request.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#1"))));
                db.client().describeTable(request -> request.tableName(table));
            }
            sleep(Duration.ofMillis(300));
            assertEquals(1, poller.polls());
            assertEquals(0, poller.wakeupsByWrite());
        }
    }

    @Test
    void closingWakesAndStopsAWaitingPoller() {
        StreamPoller poller = slowTimer(event -> null);
        awaitPolls(poller, 1);
        long started = System.nanoTime();
        poller.close();
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "close waited for the timer");
        putActivity("ACT#000");
        sleep(Duration.ofMillis(200));
        assertEquals(1, poller.polls(), "a closed poller is not woken by writes");
    }

    private StreamPoller slowTimer(Function<DynamodbEvent, StreamsEventResponse> function) {
        return new StreamPoller(db, SOURCE, function, failure -> { }, A_MINUTE).start();
    }

    private static void awaitPolls(StreamPoller poller, long count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (poller.polls() < count) {
            assertTrue(System.nanoTime() < deadline, "the poller made " + poller.polls() + " passes");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void putActivity(String sortKey) {
        db.client().putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("LEAD#1"), "sk", AttributeValue.fromS(sortKey),
                "kind", AttributeValue.fromS("activity"), "points", AttributeValue.fromN("12"))));
    }

    private static Map<String, AttributeValue> key(String sortKey) {
        return Map.of("pk", AttributeValue.fromS("LEAD#1"), "sk", AttributeValue.fromS(sortKey));
    }

    private static void sleep(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
