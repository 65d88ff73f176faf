package io.leadscore.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pass that a write started reads the shards the poller knows, without describing the table and its stream again;
 * a table made anew is described again, and its records are delivered.
 */
class StreamPollerWokenPassTest {

    private static final StreamSource SOURCE =
            SamTemplate.load(SamTemplate.locate()).function("ScoreFunction").streamSources().get(0);
    /** A timer so slow that every pass within the test is started by a write. */
    private static final StreamPoller.IdleBackoff A_MINUTE =
            new StreamPoller.IdleBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1));

    private final LocalDynamoDb db = LocalDynamoDb.shared();
    private final List<String> delivered = new CopyOnWriteArrayList<>();

    @Test
    void aWokenPassSkipsTheDescribesUntilTheTableIsMadeAnew() {
        db.freshTables();
        try (StreamPoller poller = new StreamPoller(db, SOURCE, event -> {
            event.getRecords().forEach(r -> delivered.add(r.getDynamodb().getKeys().get("sk").getS()));
            return null;
        }, failure -> { }, A_MINUTE).start()) {
            StreamWrites.await(() -> poller.polls() >= 1, () -> poller.polls() + " passes");
            putActivity("ACT#000");
            putActivity("ACT#001");
            awaitDelivered(2);
            assertEquals(1, poller.describes(), "only the first pass described the stream");
            assertTrue(poller.wakeupsByWrite() >= 1);

            db.freshTables(); // a new stream: the woken pass must find it
            putActivity("ACT#002");
            awaitDelivered(3);
            assertEquals(List.of("ACT#000", "ACT#001", "ACT#002"), delivered);
            assertTrue(poller.describes() >= 2, poller.describes() + " describes");
        }
    }

    private void awaitDelivered(int count) {
        StreamWrites.await(() -> delivered.size() >= count, () -> "delivered " + delivered);
    }

    private void putActivity(String sortKey) {
        StreamWrites.putActivity(db, sortKey);
    }
}
