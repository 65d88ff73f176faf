package io.leadscore.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A write wakes only the pollers whose filter a record it made may pass: the score function's poller sleeps through
 * the score function's transactions (leads, ledger, outbox), the publish function's through ingested activities, and
 * each is woken by the writes it takes however they are made (a put, an update that creates the item, PartiQL).
 */
class StreamPollerWakeTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final StreamSource ACTIVITIES = TEMPLATE.function("ScoreFunction").streamSources().get(0);
    private static final StreamSource OUTBOX = TEMPLATE.function("PublishFunction").streamSources().get(0);
    /** A timer so slow that every pass after the first within the test is started by a write. */
    private static final StreamPoller.IdleBackoff A_MINUTE =
            new StreamPoller.IdleBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1));

    private final LocalDynamoDb db = LocalDynamoDb.shared();
    private final String table = db.tableName("LeadScoreTable");
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emptyTable() {
        db.freshTables();
    }

    @Test
    void theScorePollerSleepsThroughTheScoreTransactionAndWakesForTheNextActivity() {
        try (StreamPoller poller = started(ACTIVITIES)) {
            transact(item("LEAD#1", "LEAD", "lead"), item("LEAD#1", "LEDGER#0001", "ledger"),
                    item("OUTBOX", "0001", "outbox"));
            put(item("LEAD#1", "LEAD", "lead"));
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            assertEquals(1, poller.polls(), "the first pass only: no write woke it");
            assertEquals(2, poller.writesSlept());

            put(item("LEAD#1", "ACT#000", "activity"));
            awaitDelivered(poller, List.of("ACT#000"));
            assertEquals(1, poller.wakeupsByWrite());
        }
    }

    @Test
    void thePublishPollerSleepsThroughActivitiesAndWakesForTheOutboxRowOfATransaction() {
        try (StreamPoller poller = started(OUTBOX)) {
            put(item("LEAD#1", "ACT#000", "activity"));
            put(item("LEAD#1", "ACT#001", "activity"));
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            assertEquals(1, poller.polls());
            assertEquals(2, poller.writesSlept());

            transact(item("LEAD#1", "LEAD", "lead"), item("OUTBOX", "0001", "outbox"));
            awaitDelivered(poller, List.of("0001"));
            assertEquals(1, poller.wakeupsByWrite());
        }
    }

    @Test
    void anActivityMadeByAnUpdateOrByPartiqlWakesTheScorePoller() {
        try (StreamPoller poller = started(ACTIVITIES)) {
            db.client().updateItem(request -> request.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS("LEAD#1"), "sk", AttributeValue.fromS("ACT#000")))
                    .updateExpression("SET kind = :kind").expressionAttributeValues(Map.of(":kind",
                            AttributeValue.fromS("activity"))));
            awaitDelivered(poller, List.of("ACT#000"));
            db.client().executeStatement(request -> request.statement("INSERT INTO \"" + table
                    + "\" VALUE {'pk': 'LEAD#1', 'sk': 'ACT#001', 'kind': 'activity'}"));
            awaitDelivered(poller, List.of("ACT#000", "ACT#001"));
            assertEquals(0, poller.writesSlept());
        }
    }

    @Test
    void aSourceWithoutFiltersWakesOnEveryWrite() {
        StreamSource everything = new StreamSource("LeadScoreTable", 10, List.of(), false, 0, null);
        try (StreamPoller poller = started(everything)) {
            put(item("OUTBOX", "0001", "outbox"));
            awaitDelivered(poller, List.of("0001"));
            assertEquals(0, poller.writesSlept());
        }
    }

    /** A poller whose first pass, on an empty stream, is done; the next pass takes a write or a minute. */
    private StreamPoller started(StreamSource source) {
        StreamPoller poller = new StreamPoller(db, source, event -> {
            event.getRecords().forEach(r -> delivered.add(r.getDynamodb().getKeys().get("sk").getS()));
            return null;
        }, failure -> { }, A_MINUTE).start();
        StreamWrites.await(() -> poller.polls() >= 1, () -> poller.polls() + " passes");
        return poller;
    }

    private void awaitDelivered(StreamPoller poller, List<String> sortKeys) {
        StreamWrites.await(() -> delivered.equals(sortKeys), () -> "delivered " + delivered + " in "
                + poller.polls() + " passes");
    }

    private void put(Map<String, AttributeValue> item) {
        db.client().putItem(request -> request.tableName(table).item(item));
    }

    @SafeVarargs
    private void transact(Map<String, AttributeValue>... items) {
        db.client().transactWriteItems(request -> request.transactItems(List.of(items).stream()
                .map(item -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build())
                .toList()));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String kind) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk), "kind", AttributeValue.fromS(kind),
                "points", AttributeValue.fromN("12"));
    }
}
