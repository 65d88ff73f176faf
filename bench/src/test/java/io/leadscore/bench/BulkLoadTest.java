package io.leadscore.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkLoadTest {

    @Test
    void everyItemIsMadeAndWrittenOnceInChunksByWritersAtOnce() {
        List<List<Integer>> chunks = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twoAtOnce = new CountDownLatch(2);
        BulkLoad.load(1_000, 64, i -> i, chunk -> {
            twoAtOnce.countDown();
            try {
                // Only a second writer working at the same time lets the first chunks past this.
                assertTrue(twoAtOnce.await(10, TimeUnit.SECONDS), "no second writer at once");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            chunks.add(chunk);
        });

        assertEquals(16, chunks.size());
        List<Integer> written = new ArrayList<>();
        chunks.forEach(chunk -> {
            assertTrue(chunk.size() <= 64, "a chunk of " + chunk.size());
            assertEquals(chunk.get(0) + chunk.size() - 1, chunk.get(chunk.size() - 1), "a chunk is a run of items");
            written.addAll(chunk);
        });
        Collections.sort(written);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            expected.add(i);
        }
        assertEquals(expected, written);
    }

    @Test
    void aFailedWriteFailsTheLoad() {
        IllegalArgumentException refused = new IllegalArgumentException("item too large");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> BulkLoad.load(100, 25,
                i -> i, chunk -> {
                    if (chunk.contains(60)) {
                        throw refused;
                    }
                }));
        assertSame(refused, failure.getCause());
    }
}
