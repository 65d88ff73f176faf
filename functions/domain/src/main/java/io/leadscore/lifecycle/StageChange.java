package io.leadscore.lifecycle;

import java.time.Instant;

/**
 * One move of a lead's stage, with who and why: a rep and their reason for a CRM verdict, {@code leadscore} and the
 * threshold for an MQL.
 *
 * @param feedbackId the verdict that made it; null for an MQL
 */
public record StageChange(Stage from, Stage to, Instant at, String who, String why, String feedbackId) {
    /** Who moves a lead to MQL: the scoring, not a person. */
    public static final String SCORING = "leadscore";
}
