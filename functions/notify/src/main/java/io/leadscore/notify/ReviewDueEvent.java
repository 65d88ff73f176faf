package io.leadscore.notify;

import io.leadscore.announcement.BusEvent;
import io.leadscore.announcement.ModelReviewDue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scoring model's review falling due, as the event bus delivered it: marketing is to compare the revisions with what
 * sales accepted. Its words are plain text, with no personal data; callers escape them (Slack).
 */
record ReviewDueEvent(ModelReviewDue review, Map<String, Object> detail) implements Notice {

    ReviewDueEvent {
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** Reads the detail, with every missing or malformed field named. */
    static ReviewDueEvent from(Map<String, Object> detail) {
        return new ReviewDueEvent((ModelReviewDue) BusEvent.read(ModelReviewDue.DETAIL_TYPE, detail), detail);
    }

    @Override
    public ModelReviewDue event() {
        return review;
    }

    @Override
    public Instant occurredAt() {
        return review.dueAt();
    }

    /** "Scoring model default (revision 3) is due for review" */
    String headline() {
        return "Scoring model " + review.modelId() + " (revision " + review.revision() + ") is due for review";
    }

    /** "first published 2026-09-01, review due 2026-10-31": days in UTC, as the reminder's key has them. */
    String dates() {
        return "first published " + LocalDate.ofInstant(review.firstPublishedAt(), ZoneOffset.UTC)
                + ", review due " + review.dueDate();
    }

    /** "Scoring model default (revision 3) is due for review: first published 2026-09-01, review due 2026-10-31" */
    String sentence() {
        return headline() + ": " + dates();
    }
}
