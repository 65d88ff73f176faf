package io.leadscore.nps;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lead's answer to the Net Promoter Score question ("how likely are you to recommend us, from 0 to 10?"), sent as
 * an {@code nps_response} event with {@code properties.score}. A lead keeps its latest answer only: the NPS counts
 * each person once, as they feel now.
 *
 * @param category derived from the score (stored with it, so that the leads list can filter on it from the index)
 */
public record NpsAnswer(int score, Instant at, NpsCategory category) {
    public static final String EVENT_TYPE = "nps_response";
    public static final String SCORE_PROPERTY = "score";
    public static final int MIN_SCORE = 0;
    public static final int MAX_SCORE = 10;

    public NpsAnswer {
        Objects.requireNonNull(at, "at");
        category = NpsCategory.of(score);
    }

    public NpsAnswer(int score, Instant at) {
        this(score, at, null);
    }

    /** The answer an event carries: only an {@code nps_response} with a whole score from 0 to 10 is one. */
    public static Optional<NpsAnswer> of(String eventType, Object score, Instant at) {
        return EVENT_TYPE.equals(eventType) && score instanceof BigDecimal number && problem(number) == null
                ? Optional.of(new NpsAnswer(number.intValueExact(), at)) : Optional.empty();
    }

    /** What is wrong with a score sent as a number, or null when it is a valid answer. */
    public static String problem(BigDecimal score) {
        if (score.stripTrailingZeros().scale() > 0) {
            return "must be a whole number from " + MIN_SCORE + " to " + MAX_SCORE + ", not "
                    + score.toPlainString();
        }
        if (score.compareTo(BigDecimal.valueOf(MIN_SCORE)) < 0 || score.compareTo(BigDecimal.valueOf(MAX_SCORE)) > 0) {
            return "must be from " + MIN_SCORE + " to " + MAX_SCORE + " (the NPS scale), not " + score.toPlainString();
        }
        return null;
    }

    /**
     * The answer that stands of two: the later one, {@code candidate} when they are at the same instant (events are
     * applied in time order, so the one applied last); either may be null.
     */
    public static NpsAnswer later(NpsAnswer current, NpsAnswer candidate) {
        return current == null || candidate != null && !candidate.at.isBefore(current.at) ? candidate : current;
    }
}
