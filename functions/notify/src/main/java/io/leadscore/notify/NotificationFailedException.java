package io.leadscore.notify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a qualification has not reached every destination, so that Lambda retries the event and then
 * sends it to the dead-letter queue: a notification is never dropped silently. Destinations already delivered
 * are skipped by the retry.
 */
public final class NotificationFailedException extends RuntimeException {

    NotificationFailedException(String qualificationId, List<DeliveryOutcome> unfinished) {
        super(qualificationId + " not delivered to " + unfinished.stream().map(DeliveryOutcome::summary)
                .collect(Collectors.joining("; ")));
    }
}
