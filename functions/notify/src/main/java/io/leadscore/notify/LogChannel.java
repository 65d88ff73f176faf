package io.leadscore.notify;

import io.leadscore.aws.lambda.Log;

import java.util.List;

/**
 * A readable line in the function's log: the local default, and a safe place to start. Logs are no place for
 * personal data, so the line names the lead by id and a masked email, never by name.
 */
final class LogChannel implements Channel {

    @Override
    public Attempt send(Notification notification) {
        Log.info(text(notification), "destination", notification.destination().id(),
                "idempotencyKey", notification.idempotencyKey());
        return Attempt.written();
    }

    /**
     * "lead lead-42 (d***@acme.example) reached salesReady: score 105 (threshold 100). Why: ...", or "Scoring model
     * default (revision 3) is due for review: first published 2026-09-01, review due 2026-10-31".
     */
    static String text(Notification notification) {
        if (notification.event() instanceof ReviewDueEvent review) {
            return review.sentence();
        }
        QualifiedEvent event = (QualifiedEvent) notification.event();
        StringBuilder text = new StringBuilder(Summary.reference(event));
        event.profileText("email").ifPresent(email -> text.append(" (").append(masked(email)).append(')'));
        text.append(' ').append(Summary.achievement(event)).append('.');
        List<String> reasons = Summary.reasons(event);
        if (!reasons.isEmpty()) {
            text.append(" Why: ").append(String.join(", ", reasons)).append('.');
        }
        if (notification.link() != null) {
            text.append(' ').append(notification.link());
        }
        return text.toString();
    }

    /** {@code dana@acme.example} becomes {@code d***@acme.example}: enough to tell leads apart, not to write. */
    static String masked(String email) {
        int at = email.lastIndexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
