package io.leadscore.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * How the scheduled retry waits for a destination that is down: 1, 2, 4, 8 minutes and then every 15 between the
 * tries of the notification at the head of its queue, for 24 hours after it was buffered; then it is abandoned. The
 * waits grow so that a long outage costs few requests, and stop growing so that a destination back after an hour is
 * served within a quarter of an hour.
 *
 * @param first     the wait after buffering, before the first scheduled retry
 * @param longest   the longest wait
 * @param giveUpAfter how long after buffering a notification that still fails is abandoned
 */
record OutageBackoff(Duration first, Duration longest, Duration giveUpAfter) {
    static final OutageBackoff DEFAULT = new OutageBackoff(Duration.ofMinutes(1), Duration.ofMinutes(15),
            Duration.ofHours(24));

    /** When to try again after {@code retries} scheduled retries failed (0: just buffered). */
    Instant nextAttempt(int retries, Instant now) {
        Duration wait = first.multipliedBy(1L << Math.min(retries, 20));
        return now.plus(wait.compareTo(longest) > 0 ? longest : wait);
    }

    /** Whether a notification buffered at {@code bufferedAt} that failed again now is given up. */
    boolean givesUp(Instant bufferedAt, Instant now) {
        return !now.isBefore(bufferedAt.plus(giveUpAfter));
    }
}
