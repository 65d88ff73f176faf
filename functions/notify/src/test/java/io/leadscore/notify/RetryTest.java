package io.leadscore.notify;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backoff with jitter, what is retried, and the deadline. */
class RetryTest {
    private static final Duration NO_WAIT = Duration.ZERO;
    private final Clock clock = Clock.systemUTC();
    private final Instant deadline = clock.instant().plusSeconds(60);

    @Test
    void doublesTheWaitAndJittersTheUpperHalf() {
        Retry retry = new Retry(4, Duration.ofMillis(200), Duration.ofSeconds(10));
        for (int i = 0; i < 200; i++) {
            assertBetween(100, 200, retry.delayBefore(2));
            assertBetween(200, 400, retry.delayBefore(3));
            assertBetween(400, 800, retry.delayBefore(4));
        }
    }

    @Test
    void retriesNetworkErrors429And5xxUntilDelivered() {
        Queue<Attempt> answers = new ArrayDeque<>(List.of(Attempt.unreachable("ConnectException"),
                Attempt.answered(429, "", NO_WAIT), Attempt.answered(503, "", NO_WAIT),
                Attempt.answered(204, "", NO_WAIT)));

        Retry.Attempts attempts = quick(5).run(answers::poll, deadline, clock);

        assertEquals(4, attempts.count());
        assertTrue(attempts.last().delivered());
    }

    @Test
    void neverRetriesOther4xx() {
        AtomicInteger made = new AtomicInteger();

        Retry.Attempts attempts = quick(5).run(() -> {
            made.incrementAndGet();
            return Attempt.answered(404, "no_service", NO_WAIT);
        }, deadline, clock);

        assertEquals(1, made.get());
        assertEquals(1, attempts.count());
        assertEquals(Attempt.Verdict.PERMANENT, attempts.last().verdict());
        assertEquals("HTTP 404", attempts.last().error());
        assertEquals("no_service", attempts.last().answer());
    }

    @Test
    void stopsAfterTheLastAttempt() {
        Retry.Attempts attempts = quick(3).run(() -> Attempt.answered(500, "", NO_WAIT), deadline, clock);

        assertEquals(3, attempts.count());
        assertEquals(500, attempts.last().statusCode());
    }

    @Test
    void startsNoAttemptThatCouldOutlastTheDeadline() {
        Retry retry = new Retry(4, Duration.ofMillis(1), Duration.ofSeconds(10));
        AtomicInteger made = new AtomicInteger();

        Retry.Attempts none = retry.run(() -> {
            made.incrementAndGet();
            return Attempt.answered(200, "", NO_WAIT);
        }, clock.instant().plusSeconds(5), clock);

        assertEquals(0, none.count());
        assertEquals(0, made.get());
        assertEquals("not attempted: too close to the deadline", none.last().error());

        Retry.Attempts one = retry.run(() -> Attempt.answered(500, "", Duration.ofSeconds(30)),
                clock.instant().plusSeconds(30), clock);
        assertEquals(1, one.count(), "a Retry-After of 30 s leaves no time for a second attempt");
        assertEquals(500, one.last().statusCode());
    }

    private static Retry quick(int attempts) {
        return new Retry(attempts, Duration.ofMillis(1), Duration.ofMillis(100));
    }

    private static void assertBetween(long min, long max, Duration actual) {
        assertTrue(actual.toMillis() >= min && actual.toMillis() <= max, actual + " in [" + min + ", " + max + "]");
    }
}
