package io.leadscore.notify;

import io.leadscore.aws.lambda.Environment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Attempts at one delivery within an invocation: exponential backoff with jitter between them (so that the
 * retries of many notifications do not hit a recovering receiver in step), honouring a receiver's Retry-After,
 * and never starting an attempt that could not finish before the invocation's deadline. What is left over is
 * Lambda's to retry, with the whole event.
 *
 * @param maxAttempts    attempts per invocation, the first included
 * @param firstDelay     the wait before the second attempt; each next wait doubles
 * @param longestAttempt how long one attempt can take (the HTTP timeouts), kept free before the deadline
 */
record Retry(int maxAttempts, Duration firstDelay, Duration longestAttempt) {
    static final String MAX_ATTEMPTS = "NOTIFY_MAX_ATTEMPTS";
    static final String BACKOFF_MS = "NOTIFY_BACKOFF_MS";
    static final int DEFAULT_MAX_ATTEMPTS = 4;
    static final int DEFAULT_BACKOFF_MS = 200;
    /** Time kept after the last attempt to record its outcome. */
    static final Duration RECORDING_TIME = Duration.ofSeconds(1);
    private static final Attempt NOT_ATTEMPTED = Attempt.unreachable("not attempted: too close to the deadline");

    /** Attempts made, and the last one's result. */
    record Attempts(Attempt last, int count) {
    }

    /** Four attempts, waiting about 200, 400 and 800 ms between them, unless the environment says otherwise. */
    static Retry from(Environment env, Duration longestAttempt) {
        return new Retry(setting(env, MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, 10),
                Duration.ofMillis(setting(env, BACKOFF_MS, DEFAULT_BACKOFF_MS, 0, 10_000)), longestAttempt);
    }

    Attempts run(Supplier<Attempt> attempt, Instant deadline, Clock clock) {
        Attempt last = NOT_ATTEMPTED;
        int count = 0;
        while (count < maxAttempts && last.retryable()) {
            Duration wait = count == 0 ? Duration.ZERO : max(delayBefore(count + 1), last.retryAfter());
            if (clock.instant().plus(wait).plus(longestAttempt).plus(RECORDING_TIME).isAfter(deadline)
                    || !sleep(wait)) {
                break;
            }
            last = attempt.get();
            count++;
        }
        return new Attempts(last, count);
    }

    /** The wait before attempt n ≥ 2: firstDelay·2^(n-2), less a random part of up to half ("equal jitter"). */
    Duration delayBefore(int attempt) {
        long full = firstDelay.toMillis() << Math.min(attempt - 2, 20);
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    /** False when interrupted: the runtime is stopping, so no further attempt. */
    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static int setting(Environment env, String name, int byDefault, int min, int max) {
        String text = env.get(name).orElse(String.valueOf(byDefault));
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the range
        }
        throw new NotifyConfigException(name, List.of("must be a whole number from " + min + " to " + max
                + ", not '" + text + "'"));
    }
}
