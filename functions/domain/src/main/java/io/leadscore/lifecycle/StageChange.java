package io.leadscore.lifecycle;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One move of a lead's stage, with who and why: a rep and their reason for a CRM verdict, {@code leadscore} and the
 * threshold for an MQL.
 *
 * @param feedbackId the verdict that made it; null for an MQL
 * @param journey    on a move to a {@link #COUNTED counted} stage, the lead's interactions per buyer-journey stage
 *                   when it got there (what the point calibration averages); null on other moves, and on moves
 *                   stored before leads counted interactions
 */
public record StageChange(Stage from, Stage to, Instant at, String who, String why, String feedbackId,
                          Map<String, Integer> journey) {
    /** Who moves a lead to MQL: the scoring, not a person. */
    public static final String SCORING = "leadscore";
    /** The stages the calibration asks "how many interactions before they got there" of: sales-ready and won. */
    public static final Set<Stage> COUNTED = EnumSet.of(Stage.MQL, Stage.WON);

    public StageChange {
        journey = journey == null ? null : Collections.unmodifiableMap(new TreeMap<>(journey)); // sorted: stable JSON
    }

    /** A move, its interactions not yet counted: {@link io.leadscore.lead.Lead#movedTo} counts them. */
    public StageChange(Stage from, Stage to, Instant at, String who, String why, String feedbackId) {
        this(from, to, at, who, why, feedbackId, null);
    }

    /** This move with the interactions counted when it happened. */
    public StageChange withJourney(Map<String, Integer> counted) {
        return new StageChange(from, to, at, who, why, feedbackId, counted);
    }
}
