package io.leadscore.aws.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A few threads for I/O that can overlap: the requests of one invocation to DynamoDB are independent
 * round trips, and a Lambda function pays for the wall-clock time it spends waiting on them in turn.
 * Built once per container; the threads are daemons, so they never hold a JVM open.
 */
public final class Parallel {
    private final ExecutorService threads;

    public Parallel(int size, String name) {
        this.threads = Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Applies {@code task} to every item at once, results in the items' order; the first failure is rethrown. */
    public <T, R> List<R> map(List<T> items, Function<T, R> task) {
        if (items.size() == 1) {
            return List.of(task.apply(items.get(0)));
        }
        List<CompletableFuture<R>> running = new ArrayList<>(items.size());
        for (T item : items) {
            running.add(CompletableFuture.supplyAsync(() -> task.apply(item), threads));
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
