package io.leadscore.notify;

import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Parallel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The scheduled retry of buffered notifications: each destination's outage queue is served from its head, in the
 * order the notifications were buffered, and stops at the first that still fails, so that nothing for a lead is
 * delivered before what was buffered before it. The head is only tried once its wait ({@link OutageBackoff}) is
 * over; what still fails 24 hours after it was buffered is abandoned, and so is what the destination refuses for
 * good (a 4xx: the same next time). The claim on the delivery record keeps an event delivered again, or a run that
 * overlaps this one, from sending a notification twice.
 */
final class OutageSweep {
    /** Entries read at a time; a destination that is back takes them one after another. */
    static final int PAGE = 25;
    /** Kept free before the deadline: the longest attempt and the writes that record it. */
    static final Duration MARGIN = JsonPoster.LONGEST_ATTEMPT.plus(Retry.RECORDING_TIME);

    /**
     * What one run did, over every destination.
     *
     * @param retriedInVain           heads tried again that failed again
     * @param oldestBufferedMinutes   age of the oldest notification still buffered, 0 when none is
     */
    record Summary(int delivered, int retriedInVain, int abandoned, long oldestBufferedMinutes) {
        static final Summary NONE = new Summary(0, 0, 0, 0);

        Summary plus(Summary other) {
            return new Summary(delivered + other.delivered, retriedInVain + other.retriedInVain,
                    abandoned + other.abandoned, Math.max(oldestBufferedMinutes, other.oldestBufferedMinutes));
        }
    }

    private final NotifyConfig config;
    private final DeliveryStore deliveries;
    private final BiFunction<Notification, Instant, Retry.Attempts> sender;
    private final OutageBackoff backoff;
    private final Clock clock;
    private final Parallel destinations = new Parallel(4, "notify-outage-queues");

    /** {@code sender}: a notification's attempts within this invocation, up to the deadline. */
    OutageSweep(NotifyConfig config, DeliveryStore deliveries, BiFunction<Notification, Instant, Retry.Attempts> sender,
                OutageBackoff backoff, Clock clock) {
        this.config = config;
        this.deliveries = deliveries;
        this.sender = sender;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** Serves every destination's queue at once; nothing is claimed too close to the deadline to be sent. */
    Summary run(Instant deadline) {
        return destinations.map(config.destinations(), destination -> serve(destination, deadline)).stream()
                .reduce(Summary.NONE, Summary::plus);
    }

    private Summary serve(Destination destination, Instant deadline) {
        int delivered = 0;
        int abandoned = 0;
        while (true) {
            List<OutageQueue.Entry> page = deliveries.queue().head(destination.id(), PAGE);
            for (OutageQueue.Entry entry : page) {
                Instant now = clock.instant();
                if (entry.nextAttemptAt().isAfter(now) || now.plus(MARGIN).isAfter(deadline)) {
                    return new Summary(delivered, 0, abandoned, age(entry, now));
                }
                Notification notification = new Notification(entry.notice(), destination,
                        config.link(entry.notice()).orElse(null));
                switch (deliveries.claim(notification, now, deadline, true)) {
                    case DELIVERED_BEFORE -> deliveries.dropFromQueue(entry);
                    case CLAIMED -> {
                        Retry.Attempts attempts = sender.apply(notification, deadline);
                        Instant after = clock.instant();
                        if (attempts.last().delivered()) {
                            deliveries.deliveredFromQueue(notification, entry, attempts, after);
                            delivered++;
                        } else if (attempts.last().retryable() && !backoff.givesUp(entry.bufferedAt(), after)) {
                            deliveries.stillWaiting(notification, entry, attempts, after,
                                    backoff.nextAttempt(entry.retries() + 1, after));
                            log("still not delivered", notification, attempts);
                            return new Summary(delivered, 1, abandoned, age(entry, after));
                        } else {
                            deliveries.abandoned(notification, entry, attempts, after);
                            log("abandoned", notification, attempts);
                            abandoned++;
                        }
                    }
                    // Another run (or an event delivered again) is sending it: what is behind it waits.
                    case WAITING, CLAIMED_ELSEWHERE -> {
                        return new Summary(delivered, 0, abandoned, age(entry, now));
                    }
                }
            }
            if (page.size() < PAGE) {
                return new Summary(delivered, 0, abandoned, 0);
            }
        }
    }

    private static long age(OutageQueue.Entry entry, Instant now) {
        return Math.max(0, Duration.between(entry.bufferedAt(), now).toMinutes());
    }

    /** Ids and statuses only, as {@link Notifier} logs. */
    private static void log(String what, Notification notification, Retry.Attempts attempts) {
        Log.warn("buffered notification " + what, "qualificationId", notification.event().qualificationId(),
                "destination", notification.destination().id(), "attempts", attempts.count(),
                "statusCode", attempts.last().statusCode(), "error", attempts.last().error());
    }
}
