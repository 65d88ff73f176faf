package io.leadscore.lead;

/** Fit is who the lead is (profile); engagement is what the lead did (behaviour). They are kept apart. */
public enum ScoreKind {
    FIT, ENGAGEMENT
}
