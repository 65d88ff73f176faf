package io.leadscore.notify;

/**
 * A qualification on its way to one destination.
 *
 * @param link the lead's (or account's) page in the team's CRM, or null when none is configured
 */
record Notification(QualifiedEvent event, Destination destination, String link) {

    /** The same for every attempt and every retry of this qualification to this destination. */
    String idempotencyKey() {
        return event.qualificationId() + "/" + destination.id();
    }
}
