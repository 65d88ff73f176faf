package io.leadscore.model;

import io.leadscore.lifecycle.FeedbackType;

/**
 * What a CRM verdict does to the score ({@code feedback: { lost: -30, recycled: reset-engagement }}): points, like any
 * rule, or a reset of engagement (the lead starts over in nurture, keeping its fit).
 */
public record FeedbackRule(FeedbackType type, int points, boolean resetsEngagement) {
    public static final String RESET_ENGAGEMENT = "reset-engagement";

    /** Its id in a lead's breakdown and ledger: {@code feedback:lost}, apart from the ids rules may take. */
    public String id() {
        return "feedback:" + type.label();
    }

    public String describe() {
        return resetsEngagement ? "CRM verdict " + type.label() + ": engagement starts over"
                : "CRM verdict " + type.label();
    }
}
