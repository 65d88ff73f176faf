package io.leadscore.lifecycle;

import java.time.Instant;

/**
 * A CRM's verdict on a lead, as accepted: recorded once per {@code feedbackId}.
 *
 * @param rep    who gave it (the sales rep, as the CRM names them)
 * @param reason why, in the rep's words; required for a rejection
 * @param at     when the CRM recorded it
 */
public record Feedback(String leadId, String feedbackId, FeedbackType type, String reason, String rep, Instant at) {

    /** The event id of its ledger entry: feedback ids share the ledger's key space with event ids. */
    public String ledgerEventId() {
        return "feedback-" + feedbackId;
    }
}
