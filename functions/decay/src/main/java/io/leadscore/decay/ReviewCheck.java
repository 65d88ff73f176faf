package io.leadscore.decay;

import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.dynamodb.ReviewReminders;
import io.leadscore.aws.lambda.Log;
import io.leadscore.revision.ReviewSchedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether the model's review has come, as the hourly run looks after its sweep: the published model's pointer (one
 * GetItem) says when the review is next due, and the published revision's schedule what comes after. When it has
 * come, {@link ModelReviewDue} is announced through the outbox and the pointer's date moves on, together
 * ({@link ReviewReminders}): once per due date, however often, late or many at once the runs come.
 */
final class ReviewCheck {
    /** A pointer that moves under every try (publishes in a row) is left to the next run. */
    static final int ATTEMPTS = 3;

    private final PublishedModel published;
    private final ReviewReminders reminders;

    ReviewCheck(PublishedModel published, ReviewReminders reminders) {
        this.published = published;
        this.reminders = reminders;
    }

    /** The reminder this run announced; empty when none was due, or it was announced before. */
    Optional<ModelReviewDue> run(Instant now) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            PublishedModel.InForce inForce = published.now();
            ModelPointer pointer = inForce.pointer();
            ReviewSchedule schedule = ReviewSchedule.of(inForce.model());
            Optional<Instant> dueAt = dueAt(pointer, schedule, now);
            if (dueAt.isEmpty()) {
                return Optional.empty();
            }
            ModelReviewDue reminder = new ModelReviewDue(pointer.modelId(), pointer.published(), dueAt.get(),
                    pointer.firstPublishedAt());
            switch (reminders.announce(pointer, reminder, schedule.nextDue(pointer.firstPublishedAt(), now), now)) {
                case ANNOUNCED:
                    return Optional.of(reminder);
                case ANNOUNCED_BEFORE:
                    return Optional.empty();
                default:
                    continue; // the pointer moved since it was read: read it again
            }
        }
        Log.warn("the model's pointer kept moving while its review reminder was written; the next run tries again",
                "modelId", published.modelId());
        return Optional.empty();
    }

    /**
     * The review that has come, if one has: the pointer's date once now has reached it, or the schedule's latest date
     * when that is later (a run late by more than a period announces the review now due, not the one it missed). A
     * pointer without a date yet is due by the schedule alone.
     */
    static Optional<Instant> dueAt(ModelPointer pointer, ReviewSchedule schedule, Instant now) {
        Optional<Instant> scheduled = schedule.lastDue(pointer.firstPublishedAt(), now);
        if (pointer.nextReviewAt() == null) {
            return scheduled;
        }
        if (now.isBefore(pointer.nextReviewAt())) {
            return Optional.empty();
        }
        return Optional.of(scheduled.filter(latest -> latest.isAfter(pointer.nextReviewAt()))
                .orElse(pointer.nextReviewAt()));
    }
}
