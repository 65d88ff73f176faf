package io.leadscore.lead;

/**
 * Fit is who the lead is (profile); engagement is what the lead did (behaviour); decay is engagement fading
 * with inactivity. A decay line belongs to one scope: without a group it lowers the total, with a group it
 * lowers that group's score only, since groups are scored beside the total and fade on their own terms.
 */
public enum ScoreKind {
    FIT, ENGAGEMENT, DECAY
}
