package io.leadscore.aws.dynamodb;

import io.leadscore.local.GetItemCounter;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.ManualClock;
import io.leadscore.revision.ModelRevision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static io.leadscore.aws.dynamodb.ModelStoreTest.AUTHOR;
import static io.leadscore.aws.dynamodb.ModelStoreTest.MODEL;
import static io.leadscore.aws.dynamodb.ModelStoreTest.T0;
import static io.leadscore.aws.dynamodb.ModelStoreTest.pricingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published revision as functions read it, with every GetItem counted by {@link GetItemCounter}: the pointer is
 * read each time {@code now()} is asked and at most every 30 s by {@code recent()}; a revision's body once.
 */
class PublishedModelTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final ManualClock clock = new ManualClock(T0);
    private ModelStore store;
    private final AtomicInteger seedsRead = new AtomicInteger();

    @BeforeEach
    void emptyTable() {
        dynamoDb.freshTables();
        store = new ModelStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
    }

    @Test
    void theFirstReadOfAModelWithoutRevisionsSeedsIt() {
        PublishedModel.InForce inForce = published().now();

        assertEquals("default@1", inForce.model().tag());
        assertEquals(1, seedsRead.get());
        assertEquals(T0, store.pointer(MODEL).orElseThrow().firstPublishedAt());
        published().now();
        assertEquals(1, seedsRead.get(), "a seeded model is not seeded again, nor its seed read");
    }

    @Test
    void fiftyBatchesReadThePointerFiftyTimesAndTheRevisionOnce() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        PublishedModel published = published();
        long pointerBefore = pointerReads();
        long revisionBefore = revisionReads(1);

        PublishedModel.InForce first = published.now();
        for (int batch = 2; batch <= 50; batch++) {
            assertSame(first.model(), published.now().model(), "the parsed model is kept");
        }

        assertEquals(50, pointerReads() - pointerBefore);
        assertEquals(1, revisionReads(1) - revisionBefore);
        System.out.println("[reads] 50 batches: pointer " + (pointerReads() - pointerBefore) + ", revision "
                + (revisionReads(1) - revisionBefore));
    }

    @Test
    void aPublishIsInForceFromTheNextReadAndItsRevisionIsReadOnce() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        PublishedModel published = published();
        assertEquals("default@1", published.now().model().tag());
        store.draft(MODEL, n -> ModelRevision.draft(MODEL, n, pricingAt(40), AUTHOR, T0, null, null));
        store.publish(MODEL, 2, AUTHOR, T0.plusSeconds(1));
        long before = revisionReads(2);

        PublishedModel.InForce inForce = published.now();
        for (int batch = 0; batch < 10; batch++) {
            published.now();
        }

        assertEquals("default@2", inForce.model().tag());
        assertEquals(40, inForce.model().rules().get(0).points());
        assertEquals(2, inForce.pointer().published());
        assertEquals(1, revisionReads(2) - before);
        store.publish(MODEL, 1, AUTHOR, T0.plusSeconds(2));
        assertEquals("default@1", published.now().model().tag(), "a rollback is in force as quickly");
    }

    @Test
    void recentReadsThePointerAtMostEveryThirtySeconds() {
        store.seed(MODEL, ModelSeed.of(null), T0);
        PublishedModel published = published();
        long before = pointerReads();

        for (int request = 0; request < 50; request++) {
            published.recent();
            clock.advance(Duration.ofMillis(500)); // 25 s in all
        }
        assertEquals(1, pointerReads() - before, "50 requests within 30 s: one read");

        store.draft(MODEL, n -> ModelRevision.draft(MODEL, n, pricingAt(40), AUTHOR, T0, null, null));
        store.publish(MODEL, 2, AUTHOR, clock.instant());
        long afterPublish = pointerReads();
        assertEquals("default@1", published.recent().model().tag(), "not yet: the last read is 25 s old");
        assertEquals(afterPublish, pointerReads());
        clock.advance(Duration.ofSeconds(5));
        assertEquals("default@2", published.recent().model().tag(), "30 s after the last read, the publish shows");
        assertEquals(1, pointerReads() - afterPublish);
    }

    @Test
    void threadsThatFindANewRevisionAtOnceReadItOnce() throws Exception {
        store.seed(MODEL, ModelSeed.of(null), T0);
        PublishedModel published = published();
        published.now();
        store.draft(MODEL, n -> ModelRevision.draft(MODEL, n, pricingAt(40), AUTHOR, T0, null, null));
        store.publish(MODEL, 2, AUTHOR, T0.plusSeconds(1));
        long before = revisionReads(2);
        CyclicBarrier together = new CyclicBarrier(8);

        List<String> tags = ModelStoreTest.concurrently(8, k -> {
            together.await();
            return published.now().model().tag();
        });

        assertTrue(tags.stream().allMatch("default@2"::equals), tags.toString());
        assertEquals(1, revisionReads(2) - before);
    }

    private PublishedModel published() {
        return new PublishedModel(store, MODEL, () -> {
            seedsRead.incrementAndGet();
            return ModelSeed.of(null);
        }, clock);
    }

    private static long pointerReads() {
        return GetItemCounter.reads(ModelStore.pk(MODEL), ModelStore.POINTER_SK);
    }

    private static long revisionReads(int number) {
        return GetItemCounter.reads(ModelStore.pk(MODEL), ModelStore.sk(number));
    }
}
