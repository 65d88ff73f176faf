package io.leadscore.prediction;

import java.util.Objects;

/**
 * How the suggested threshold is chosen on the held-out period: the cut that maximises F1, or the lowest cut at which
 * no more leads reach it per week than sales can take ({@code leadsPerWeek}). Both cuts are shown whenever
 * {@code leadsPerWeek} is given; the criterion names the one the draft takes.
 */
public record Criterion(Kind kind, Integer leadsPerWeek) {
    public enum Kind {
        F1, CAPACITY
    }

    public Criterion {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.CAPACITY && leadsPerWeek == null) {
            throw new IllegalArgumentException("leadsPerWeek is required for the capacity criterion");
        }
        if (leadsPerWeek != null && leadsPerWeek < 1) {
            throw new IllegalArgumentException("leadsPerWeek must be at least 1, not " + leadsPerWeek);
        }
    }

    /** How the report and the notes name the criterion. */
    public String describe() {
        return kind == Kind.F1 ? "the cut with the best F1 on the held-out period"
                : "the lowest cut that at most " + leadsPerWeek + " leads a week reached in the held-out period";
    }
}
