package io.leadscore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Loads a benchmark's test data into DynamoDB Local with several writers at once: item {@code i} of {@code count} is
 * made by {@code make} and written in chunks by {@code write} (a store's batch import, BatchWriteItem 25 items a
 * call), the chunks spread over {@link #WRITERS} threads. Making the items (scoring a lead's events) runs on the
 * writers too, so that it overlaps DynamoDB Local's own work instead of coming before it.
 */
public final class BulkLoad {
    /** Enough to keep DynamoDB Local's request threads busy on 2 cores while a writer makes its next chunk. */
    public static final int WRITERS = 4;

    private BulkLoad() {
    }

    /** Makes and writes items 0 to count - 1, {@code chunk} to a call of {@code write}; returns when all are written. */
    public static <T> void load(int count, int chunk, IntFunction<T> make, Consumer<List<T>> write) {
        if (count < 0 || chunk < 1) {
            throw new IllegalArgumentException("count must be >= 0 and chunk >= 1, not " + count + " and " + chunk);
        }
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> chunks = new ArrayList<>();
            for (int from = 0; from < count; from += chunk) {
                int first = from;
                int end = Math.min(count, from + chunk);
                chunks.add(writers.submit(() -> {
                    List<T> items = new ArrayList<>(end - first);
                    for (int i = first; i < end; i++) {
                        items.add(make.apply(i));
                    }
                    write.accept(items);
                }));
            }
            for (Future<?> written : chunks) {
                written.get();
            }
        } catch (ExecutionException failed) {
            throw new IllegalStateException("loading failed: " + failed.getCause(), failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } finally {
            writers.shutdownNow();
        }
    }
}
