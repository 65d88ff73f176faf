package io.leadscore.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** Independent tasks at once on the caller's threads: round trips to a store that overlap rather than queue. */
public final class Concurrently {
    private Concurrently() {
    }

    /** Applies {@code task} to every item on the executor, results in the items' order; rethrows the first failure. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> task, Executor executor) {
        if (items.size() == 1) {
            return List.of(task.apply(items.get(0)));
        }
        List<CompletableFuture<R>> running = new ArrayList<>(items.size());
        for (T item : items) {
            running.add(CompletableFuture.supplyAsync(() -> task.apply(item), executor));
        }
        List<R> results = new ArrayList<>(items.size());
        try {
            for (CompletableFuture<R> future : running) {
                results.add(future.join());
            }
        } catch (CompletionException e) {
            running.forEach(future -> future.cancel(false));
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return results;
    }
}
