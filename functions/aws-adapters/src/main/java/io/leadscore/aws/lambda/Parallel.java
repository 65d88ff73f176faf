package io.leadscore.aws.lambda;

import io.leadscore.support.Concurrently;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A few threads for I/O that can overlap: the requests of one invocation to DynamoDB are independent
 * round trips, and a Lambda function pays for the wall-clock time it spends waiting on them in turn.
 * Built once per container; the threads are daemons, so they never hold a JVM open.
 */
public final class Parallel implements Executor {
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
        return Concurrently.map(items, task, threads);
    }

    @Override
    public void execute(Runnable task) {
        threads.execute(task);
    }
}
