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
 * GetItem) says when the review is due ({@code nextReviewAt}, which a publish moves on: a publish is how a review is
 * recorded), and the published revision's schedule which due date has come. When one has, {@link ModelReviewDue} is
 * announced through the outbox ({@link ReviewReminders}), keyed by that date: once per due date, however often, late
 * or many at once the runs come, and again at the next date while no revision is published.
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
            switch (reminders.announce(pointer, reminder, now)) {
                case ANNOUNCED:
                    return Optional.of(reminder);
                case ANNOUNCED_BEFORE:
                    return Optional.empty();
                default:
                    continue; // the pointer moved since it was read (a publish may have recorded the review): again
            }
        }
        Log.warn("the model's pointer kept moving while its review reminder was written; the next run tries again",
                "modelId", published.modelId());
        return Optional.empty();
    }

    /**
     * The due date that has come, if the review is due: once now has reached the pointer's date, the schedule's latest
     * date (the pointer's, unless a run comes more than a period late: then the review now due, not the one it
     * missed). A pointer without a date (seeded before dates were kept) is due by the schedule and its last publish.
     */
    static Optional<Instant> dueAt(ModelPointer pointer, ReviewSchedule schedule, Instant now) {
        Optional<Instant> scheduled = schedule.lastDue(pointer.firstPublishedAt(), now);
        if (pointer.nextReviewAt() == null) {
            return scheduled.filter(due -> schedule.overdue(pointer.firstPublishedAt(), pointer.publishedAt(), now));
        }
        if (now.isBefore(pointer.nextReviewAt())) {
            return Optional.empty();
        }
        return Optional.of(scheduled.filter(latest -> latest.isAfter(pointer.nextReviewAt()))
                .orElse(pointer.nextReviewAt()));
    }
}
