package io.leadscore.prediction;

import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.model.Prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a training run learns from history: whether a lead reaches {@code label} within {@code horizon} after moments
 * read every {@code every} from its first activity, trained on the moments whose horizon has ended by {@code splitAt}
 * and judged on those from {@code splitAt} on, with {@code now} the end of what is known.
 */
public record TrainingPlan(Prediction.Label label, Duration horizon, Instant splitAt, Instant now, Duration every) {
    public TrainingPlan {
        Objects.requireNonNull(label, "label");
        positive(horizon, "horizon");
        positive(every, "every");
        Objects.requireNonNull(splitAt, "splitAt");
        Objects.requireNonNull(now, "now");
        if (!splitAt.isBefore(now)) {
            throw new IllegalArgumentException("splitAt must be before now (" + now + "), not " + splitAt);
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + duration);
        }
    }

    /** Whether a verdict of this type is a conversion: an opportunity is reached by a win too. */
    public boolean converts(FeedbackType type) {
        return type == FeedbackType.WON || label == Prediction.Label.OPPORTUNITY && type == FeedbackType.OPPORTUNITY;
    }
}
