package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Lambda's asynchronous invocation, which EventBridge uses: the function gets the event on a thread of a small pool;
 * when it throws, it gets the event again after a delay, up to the rule's {@link EventRuleSource#functionRetryAttempts()},
 * and then the event goes to the dead letters. Lambda waits a minute before the first retry and two before the second;
 * here the first delay is given and each next one is twice as long.
 */
final class AsyncInvoker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AsyncInvoker.class.getName());
    private static final int THREADS = 4;

    private final Duration retryDelay;
    private final Consumer<DeadLetter> deadLetters;
    private final ScheduledExecutorService executor;
    private final Object idle = new Object();
    private int unfinished; // invocations neither succeeded nor dead-lettered yet; guarded by idle

    AsyncInvoker(Duration retryDelay, Consumer<DeadLetter> deadLetters) {
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retryDelay must not be negative, not " + retryDelay);
        }
        this.retryDelay = retryDelay;
        this.deadLetters = deadLetters;
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "local-event-bus-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the invocation and returns at once, as Lambda answers an asynchronous invocation with 202. */
    void invoke(String functionId, EventRuleSource rule, PublishedEvent event, Consumer<ScheduledEvent> function) {
        synchronized (idle) {
            unfinished++;
        }
        Invocation invocation = new Invocation(functionId, rule, event, function);
        executor.execute(() -> attempt(invocation, 1));
    }

    /**
     * Returns once every invocation queued so far, and its retries, has succeeded or been dead-lettered.
     *
     * @throws IllegalStateException if that takes longer than the timeout
     */
    void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (unfinished > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(unfinished + " invocations were still unfinished after " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while draining", e);
                }
            }
        }
    }

    /** Stops invoking; invocations still queued or waiting for a retry are logged and dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
        synchronized (idle) {
            if (unfinished > 0) {
                LOG.log(WARNING, "Closed with {0} invocations unfinished; they are dropped", unfinished);
            }
        }
    }

    private void attempt(Invocation invocation, int attempt) {
        try {
            invocation.function.accept(invocation.event.toScheduledEvent());
            finished();
        } catch (Throwable failure) { // as in Lambda, whatever the handler throws fails the attempt
            if (executor.isShutdown()) {
                return; // closing interrupted it, and close() reports what is left
            }
            int attempts = invocation.rule.functionRetryAttempts() + 1;
            if (attempt < attempts) {
                Duration delay = retryDelay.multipliedBy(1L << (attempt - 1));
                LOG.log(INFO, "{0} failed on event {1} (attempt {2} of {3}), retrying in {4}: {5}",
                        invocation.functionId, invocation.event.id(), attempt, attempts, delay, failure.toString());
                executor.schedule(() -> attempt(invocation, attempt + 1), delay.toNanos(), TimeUnit.NANOSECONDS);
            } else {
                LOG.log(WARNING, invocation.functionId + " failed on event " + invocation.event.json() + " at all "
                        + attempts + " attempts; it goes to the dead letters", failure);
                deadLetters.accept(new DeadLetter(invocation.functionId, invocation.rule.name(), invocation.event, attempt, failure));
                finished();
            }
        }
    }

    private void finished() {
        synchronized (idle) {
            if (--unfinished == 0) {
                idle.notifyAll();
            }
        }
    }

    private record Invocation(String functionId, EventRuleSource rule, PublishedEvent event, Consumer<ScheduledEvent> function) {
    }
}
