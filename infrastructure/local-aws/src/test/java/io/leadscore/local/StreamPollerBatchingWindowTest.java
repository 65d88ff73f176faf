package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code MaximumBatchingWindowInSeconds} as Lambda applies it: a batch that is not full waits until the window has
 * passed since its first record was read, and a full batch goes at once.
 */
class StreamPollerBatchingWindowTest {

    private static final StreamSource TEMPLATE_SOURCE =
            SamTemplate.load(SamTemplate.locate()).function("ScoreFunction").streamSources().get(0);

    private final LocalDynamoDb db = LocalDynamoDb.shared();
    private final List<Integer> batches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void emptyTable() {
        db.freshTables();
    }

    @Test
    void aBatchThatIsNotFullWaitsForItsWindow() {
        try (StreamPoller poller = new StreamPoller(db, source(10, Duration.ofSeconds(2)), this::record).start()) {
            long firstWrite = System.nanoTime();
            putActivities(3);
            awaitBatches(1);
            long waited = System.nanoTime() - firstWrite;
            assertEquals(List.of(3), batches, "the three records in one batch, after the window");
            assertTrue(waited >= TimeUnit.SECONDS.toNanos(2), "delivered after " + waited / 1_000_000 + " ms");
            assertTrue(poller.wakeupsByWrite() >= 1);
        }
    }

    @Test
    void aFullBatchGoesWithoutWaitingForItsWindow() {
        // Lambda's longest window: anything delivered within the test went because its batch was full.
        try (StreamPoller poller = new StreamPoller(db, source(3, Duration.ofSeconds(300)), this::record).start()) {
            putActivities(7);
            awaitBatches(2);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals(List.of(3, 3), batches, "two full batches; the seventh record waits for more");
            assertEquals(6, poller.deliveredRecords());
        }
    }

    @Test
    void theTemplatesWindowIsRead(@TempDir Path folder) throws Exception {
        assertEquals(Duration.ZERO, TEMPLATE_SOURCE.maximumBatchingWindow(), "the score function takes records at once");
        String template = Files.readString(SamTemplate.locate());
        Path windowed = Files.writeString(folder.resolve(SamTemplate.FILE_NAME),
                template.replace("MaximumBatchingWindowInSeconds: 0", "MaximumBatchingWindowInSeconds: 5"));
        assertEquals(Duration.ofSeconds(5), SamTemplate.load(windowed).function("ScoreFunction").streamSources().get(0)
                .maximumBatchingWindow());
    }

    private com.amazonaws.services.lambda.runtime.events.StreamsEventResponse record(DynamodbEvent event) {
        batches.add(event.getRecords().size());
        return null;
    }

    private void awaitBatches(int count) {
        StreamWrites.await(() -> batches.size() >= count, () -> "batches " + batches);
    }

    private static StreamSource source(int batchSize, Duration window) {
        return new StreamSource(TEMPLATE_SOURCE.tableLogicalId(), batchSize, TEMPLATE_SOURCE.filterPatterns(),
                TEMPLATE_SOURCE.reportBatchItemFailures(), TEMPLATE_SOURCE.maximumRetryAttempts(),
                TEMPLATE_SOURCE.onFailureQueue(), window);
    }

    private void putActivities(int count) {
        for (int i = 0; i < count; i++) {
            StreamWrites.putActivity(db, "ACT#%03d".formatted(i));
        }
    }
}
