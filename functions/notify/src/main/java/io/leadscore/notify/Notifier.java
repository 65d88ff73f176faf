package io.leadscore.notify;

import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Parallel;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers a qualification (or a review reminder) to each destination that wants it, once: the delivery record is claimed before
 * anything is sent, the notification is tried with backoff, and the record says how it went. Destinations are
 * independent: they are served at once, and one failing never holds back or repeats another. A destination that is
 * down (or that has notifications buffered already, which must go first) gets the notification through its outage
 * queue instead, served by the scheduled retry ({@link OutageSweep}).
 */
final class Notifier {
    private final NotifyConfig config;
    private final Map<Destination.Type, Channel> channels = new EnumMap<>(Destination.Type.class);
    private final DeliveryStore deliveries;
    private final Retry retry;
    private final OutageBackoff backoff;
    private final Clock clock;
    private final Parallel destinations = new Parallel(4, "notify-destinations");
    /** Recorded as the last attempt of a notification queued behind others without being tried. */
    private static final Attempt BEHIND = Attempt.unreachable("behind notifications buffered before it");

    Notifier(NotifyConfig config, DeliveryStore deliveries, Retry retry, OutageBackoff backoff, Clock clock) {
        this.config = config;
        this.deliveries = deliveries;
        this.retry = retry;
        this.backoff = backoff;
        this.clock = clock;
        JsonPoster poster = new JsonPoster();
        channels.put(Destination.Type.LOG, new LogChannel());
        channels.put(Destination.Type.SLACK, new SlackChannel(poster));
        // The configuration refuses webhook destinations when there is no signature to sign with.
        config.signature().ifPresent(signature -> channels.put(Destination.Type.WEBHOOK,
                new WebhookChannel(poster, signature)));
    }

    /** Configured by the settings and Retry's variables, on the function's table and clock. */
    static Notifier from(FunctionBootstrap function, NotifySettings settings) {
        return new Notifier(NotifyConfig.from(settings, function.env()),
                new DeliveryStore(function.dynamoDb(), function.table()),
                Retry.from(function.env(), JsonPoster.LONGEST_ATTEMPT), OutageBackoff.DEFAULT, function.clock());
    }

    /** The scheduled retry of what the destinations could not take, sending as this notifier does. */
    OutageSweep outageSweep() {
        return new OutageSweep(config, deliveries, this::attempt, backoff, clock);
    }

    /** Delivers to every destination the event is routed to; nothing is sent after the deadline. */
    List<DeliveryOutcome> notify(Notice event, Instant deadline) {
        String link = config.link(event).orElse(null);
        List<Notification> notifications = config.destinationsFor(event).stream()
                .map(destination -> new Notification(event, destination, link))
                .toList();
        return destinations.map(notifications, notification -> deliver(notification, deadline));
    }

    private DeliveryOutcome deliver(Notification notification, Instant deadline) {
        String destinationId = notification.destination().id();
        DeliveryOutcome outcome;
        try {
            outcome = switch (deliveries.claim(notification, clock.instant(), deadline, false)) {
                case DELIVERED_BEFORE ->
                        new DeliveryOutcome(destinationId, DeliveryOutcome.Result.ALREADY_DELIVERED, 0, null, null);
                case WAITING ->
                        new DeliveryOutcome(destinationId, DeliveryOutcome.Result.ALREADY_BUFFERED, 0, null, null);
                case CLAIMED_ELSEWHERE ->
                        new DeliveryOutcome(destinationId, DeliveryOutcome.Result.CLAIMED_ELSEWHERE, 0, null, null);
                // Sending it now would overtake what the destination has buffered: it goes behind.
                case CLAIMED -> deliveries.queue().holdsAny(destinationId)
                        ? buffer(notification, new Retry.Attempts(BEHIND, 0))
                        : send(notification, deadline);
            };
        } catch (RuntimeException e) {
            // Most likely the table could not be reached: the record is left free, or pending until the deadline,
            // for Lambda's retry of the event to take up.
            outcome = new DeliveryOutcome(destinationId, DeliveryOutcome.Result.FAILED, 0, null, String.valueOf(e));
        }
        log(notification, outcome);
        return outcome;
    }

    private DeliveryOutcome send(Notification notification, Instant deadline) {
        Retry.Attempts attempts = attempt(notification, deadline);
        if (attempts.last().retryable()) {
            return buffer(notification, attempts);
        }
        boolean delivered = attempts.last().delivered();
        if (delivered) {
            deliveries.delivered(notification, attempts, clock.instant());
        } else {
            deliveries.failed(notification, attempts, clock.instant());
        }
        return outcome(notification, delivered ? DeliveryOutcome.Result.DELIVERED : DeliveryOutcome.Result.FAILED,
                attempts);
    }

    /** The destination is down, or busy with its backlog: its outage queue takes the notification. */
    private DeliveryOutcome buffer(Notification notification, Retry.Attempts attempts) {
        Instant now = clock.instant();
        deliveries.buffered(notification, attempts, now, backoff.nextAttempt(0, now));
        return outcome(notification, DeliveryOutcome.Result.BUFFERED, attempts);
    }

    private static DeliveryOutcome outcome(Notification notification, DeliveryOutcome.Result result,
                                           Retry.Attempts attempts) {
        return new DeliveryOutcome(notification.destination().id(), result, attempts.count(),
                attempts.last().statusCode(), attempts.last().error());
    }

    /** Attempts with backoff within this invocation, as {@link Retry} allows before the deadline. */
    Retry.Attempts attempt(Notification notification, Instant deadline) {
        Channel channel = channels.get(notification.destination().type());
        return retry.run(() -> channel.send(notification), deadline, clock);
    }

    /** Ids and statuses only: the message itself may carry personal data, and the receiver's answer too. */
    private static void log(Notification notification, DeliveryOutcome outcome) {
        Object[] fields = {"qualificationId", notification.event().qualificationId(),
                "destination", outcome.destinationId(), "result", outcome.result(), "attempts", outcome.attempts(),
                "statusCode", outcome.statusCode(), "error", outcome.error()};
        if (outcome.unfinished()) {
            Log.warn("notification " + outcome.result().words(), fields);
        } else {
            Log.info("notification " + outcome.result().words(), fields);
        }
    }
}
