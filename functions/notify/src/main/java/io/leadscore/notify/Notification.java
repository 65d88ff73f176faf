package io.leadscore.notify;

/**
 * A qualification (or a review reminder) on its way to one destination.
 *
 * @param link the lead's (or account's) page in the team's CRM, or null when none is configured or it is no lead's
 *             or account's
 */
record Notification(Notice event, Destination destination, String link) {

    /** The same for every attempt and every retry of this event to this destination. */
    String idempotencyKey() {
        return event.qualificationId() + "/" + destination.id();
    }
}
