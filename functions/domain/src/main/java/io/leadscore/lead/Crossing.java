package io.leadscore.lead;

import io.leadscore.model.Threshold;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lead reaching a threshold (qualified), falling back below its re-arm line (disqualified), or going cold
 * (no score increase for the model's cold period; threshold null): what is announced on the event bus, once. {@code qualificationId} names the qualification cycle, and is the key
 * under which it is stored, published and delivered exactly once.
 *
 * @param group     the score group (product line) whose threshold it is, or null for the total score
 * @param topRules  the rules that contribute most to the score, for "why is this lead sales-ready?"
 */
public record Crossing(Kind kind, String qualificationId, String leadId, String group, String groupName,
                       Threshold threshold, int score, String model, Instant at, String eventId,
                       List<RulePoints> topRules, Map<String, Object> profile) {

    public enum Kind {
        QUALIFIED("LeadQualified"), DISQUALIFIED("LeadDisqualified"), WENT_COLD("LeadWentCold");

        private final String detailType;

        Kind(String detailType) {
            this.detailType = detailType;
        }

        /** The EventBridge detail-type. */
        public String detailType() {
            return detailType;
        }
    }

    /** One line of "why": a rule, what it says, and what it contributes. */
    public record RulePoints(String rule, String description, int points) {
    }
}
