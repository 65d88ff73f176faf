package io.leadscore.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param leadId    the lead; for an account, the member whose change crossed the line
 * @param topRules  the rules that contribute most to the score, for "why is this lead sales-ready?"
 * @param accountId the account, for an account's crossing; null for a lead's
 * @param committee for an account: who is engaged, in which roles, and its best members
 * @param grade     for a lead's threshold, the letter grade of its fit when it crossed (what a qualification
 *                  announces); null for an account or a cold spell, or without the model's grades
 * @param market    for a lead's threshold, the market ({@code markets:} in the model) its profile placed it in when it
 *                  crossed, whose thresholds it was held to; null when none, and for an account or a cold spell
 * @param likelihood for a lead's qualification, its likelihood to convert as stored with the score that crossed; null
 *                   when the revision carries no trained weights, and for every other crossing
 */
public record Crossing(Kind kind, String qualificationId, String leadId, String group, String groupName,
                       Threshold threshold, int score, String model, Instant at, String eventId,
                       List<RulePoints> topRules, Map<String, Object> profile,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String accountId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Committee committee,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String grade,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String market,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Double likelihood) {

    /** A crossing of no market: an account's, a cold spell, or a lead's under a model without markets. */
    public Crossing(Kind kind, String qualificationId, String leadId, String group, String groupName,
                    Threshold threshold, int score, String model, Instant at, String eventId, List<RulePoints> topRules,
                    Map<String, Object> profile, String accountId, Committee committee, String grade) {
        this(kind, qualificationId, leadId, group, groupName, threshold, score, model, at, eventId, topRules, profile,
                accountId, committee, grade, null);
    }

    /** A crossing without a likelihood: the scorer's, before the transaction gives a qualification its own. */
    public Crossing(Kind kind, String qualificationId, String leadId, String group, String groupName,
                    Threshold threshold, int score, String model, Instant at, String eventId, List<RulePoints> topRules,
                    Map<String, Object> profile, String accountId, Committee committee, String grade, String market) {
        this(kind, qualificationId, leadId, group, groupName, threshold, score, model, at, eventId, topRules, profile,
                accountId, committee, grade, market, null);
    }

    public Crossing withLikelihood(Double probability) {
        return new Crossing(kind, qualificationId, leadId, group, groupName, threshold, score, model, at, eventId,
                topRules, profile, accountId, committee, grade, market, probability);
    }

    public enum Kind {
        QUALIFIED("LeadQualified"), DISQUALIFIED("LeadDisqualified"), WENT_COLD("LeadWentCold"),
        ACCOUNT_QUALIFIED("AccountQualified"), ACCOUNT_DISQUALIFIED("AccountDisqualified");

        private final String detailType;

        Kind(String detailType) {
            this.detailType = detailType;
        }

        /** The EventBridge detail-type. */
        public String detailType() {
            return detailType;
        }
    }

    /** An account's buying committee when it crossed: engaged members, the roles they fill, its best members. */
    public record Committee(int members, int engagedMembers, List<String> roles, List<MemberPoints> topMembers) {
    }

    /** A member's share of an account's score. */
    public record MemberPoints(String leadId, String role, int points) {
    }

    /** One line of "why": a rule, what it says, and what it contributes. */
    public record RulePoints(String rule, String description, int points) {
    }
}
