package io.leadscore.prediction;

import io.leadscore.model.Prediction;

import java.time.Duration;
import java.time.Instant;

/**
 * What a training run is asked for (the admin API's body, or the weekly schedule's defaults): checked field by field,
 * and turned into its {@link TrainingPlan} at the moment it runs.
 *
 * @param splitAt     where the held-out period starts; null: {@code heldOutDays} before the run
 * @param heldOutDays the held-out period's length when {@code splitAt} is not given; null: twice the horizon
 * @param leadsPerWeek what sales can take: required by the capacity criterion, shown beside F1's cut when given
 */
public record TrainingRequest(Prediction.Label label, int horizonDays, Instant splitAt, Integer heldOutDays,
                              Criterion.Kind criterion, Integer leadsPerWeek) {
    public static final int DEFAULT_HORIZON_DAYS = 30;
    public static final int MAX_HORIZON_DAYS = 365;
    /** At most about three years of history to hold out: more than any retention keeps. */
    public static final int MAX_HELD_OUT_DAYS = 1_100;
    public static final int MAX_LEADS_PER_WEEK = 1_000_000;
    /** A lead is read once a week: the moments at which an example is taken. */
    public static final Duration EVERY = Duration.ofDays(7);

    /** A field that is wrong: its name, and what is wrong with it. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        Invalid(String field, String problem) {
            super(field + ": " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public TrainingRequest {
        if (label == null) {
            throw new Invalid("label", "required: opportunity or won");
        }
        if (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
            throw new Invalid("horizonDays", "must be 1 to " + MAX_HORIZON_DAYS + " days, not " + horizonDays);
        }
        if (splitAt != null && heldOutDays != null) {
            throw new Invalid("heldOutDays", "give splitAt or heldOutDays, not both");
        }
        if (heldOutDays != null && (heldOutDays <= horizonDays || heldOutDays > MAX_HELD_OUT_DAYS)) {
            throw new Invalid("heldOutDays", "must be more than the horizon (" + horizonDays + " days: a held-out"
                    + " moment's outcome is known a horizon later) and at most " + MAX_HELD_OUT_DAYS + ", not "
                    + heldOutDays);
        }
        if (criterion == null) {
            throw new Invalid("criterion", "required: F1 or capacity");
        }
        if (leadsPerWeek != null && (leadsPerWeek < 1 || leadsPerWeek > MAX_LEADS_PER_WEEK)) {
            throw new Invalid("leadsPerWeek", "must be 1 to " + MAX_LEADS_PER_WEEK + ", not " + leadsPerWeek);
        }
        if (criterion == Criterion.Kind.CAPACITY && leadsPerWeek == null) {
            throw new Invalid("leadsPerWeek", "required by the capacity criterion: how many leads sales can take a"
                    + " week");
        }
    }

    /** The weekly schedule's run: opportunities within 30 days, the last 60 days held out, the cut with the best F1. */
    public static TrainingRequest defaults() {
        return new TrainingRequest(Prediction.Label.OPPORTUNITY, DEFAULT_HORIZON_DAYS, null, null, Criterion.Kind.F1,
                null);
    }

    /**
     * The plan of a run at {@code now}.
     *
     * @throws Invalid when {@code splitAt} leaves no held-out moment whose outcome is known by now
     */
    public TrainingPlan plan(Instant now) {
        Duration horizon = Duration.ofDays(horizonDays);
        Instant split = splitAt != null ? splitAt
                : now.minus(Duration.ofDays(heldOutDays != null ? heldOutDays : 2L * horizonDays));
        if (!split.isBefore(now.minus(horizon))) {
            throw new Invalid("splitAt", "must be more than the horizon (" + horizonDays + " days) before now ("
                    + now + "): a held-out moment's outcome is known a horizon later; not " + split);
        }
        return new TrainingPlan(label, horizon, split, now, EVERY);
    }

    public Criterion criterionOf() {
        return new Criterion(criterion, leadsPerWeek);
    }
}
