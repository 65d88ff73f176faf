package io.leadscore.model;

/**
 * A named score level, e.g. sales-ready (MQL) at 100. A lead qualifies when its score reaches
 * {@code points} and is re-armed (may qualify again) only once it falls below {@code rearmBelow}: the gap
 * is the hysteresis that keeps a lead hovering at the line from notifying sales over and over.
 */
public record Threshold(String name, int points, int rearmBelow) {
    /** Scoring watches a threshold only when a score moves, which holds because re-arming is at or below the line. */
    public Threshold {
        if (rearmBelow > points) {
            throw new IllegalArgumentException("threshold " + name + ": rearmBelow (" + rearmBelow
                    + ") must be at most its points (" + points + ")");
        }
    }

    public Threshold(String name, int points) {
        this(name, points, points);
    }
}
