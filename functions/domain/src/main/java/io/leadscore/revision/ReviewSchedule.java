package io.leadscore.revision;

import io.leadscore.model.ScoringModel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a model is due for review: the first 60 days after its first publish, then every 90 days (configurable in
 * the YAML: {@code review: {first: 60d, every: 90d}}). The dates are fixed by the first publish, not moved by
 * reviews: a quarterly rhythm that a late review does not slip.
 */
public record ReviewSchedule(Duration first, Duration every) {
    public static final ReviewSchedule DEFAULT = new ReviewSchedule(ScoringModel.REVIEW_FIRST, ScoringModel.REVIEW_EVERY);

    public ReviewSchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(every, "every");
        if (first.isNegative() || first.isZero() || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("review periods must be positive: " + first + ", " + every);
        }
    }

    /** The schedule the (published) model declares. */
    public static ReviewSchedule of(ScoringModel model) {
        return new ReviewSchedule(model.reviewFirst(), model.reviewEvery());
    }

    /** The first due date after {@code now}; null while the model has never been published (nothing to review). */
    public Instant nextDue(Instant firstPublishedAt, Instant now) {
        if (firstPublishedAt == null) {
            return null;
        }
        return lastDue(firstPublishedAt, now).map(last -> last.plus(every)).orElse(firstPublishedAt.plus(first));
    }

    /**
     * The latest due date at or before {@code now}, if one has come: what the scheduled run announces
     * ({@code ModelReviewDue}, keyed by this date, so once however often it runs).
     */
    public Optional<Instant> lastDue(Instant firstPublishedAt, Instant now) {
        if (firstPublishedAt == null) {
            return Optional.empty();
        }
        Instant firstDue = firstPublishedAt.plus(first);
        if (now.isBefore(firstDue)) {
            return Optional.empty();
        }
        long periods = Duration.between(firstDue, now).dividedBy(every);
        return Optional.of(firstDue.plus(every.multipliedBy(periods)));
    }

    /**
     * Whether a review has come due and nothing was published since: publishing a revision (or re-publishing one)
     * is how a review is recorded.
     */
    public boolean overdue(Instant firstPublishedAt, Instant lastPublishedAt, Instant now) {
        return lastDue(firstPublishedAt, now).map(due -> lastPublishedAt == null || lastPublishedAt.isBefore(due))
                .orElse(false);
    }
}
