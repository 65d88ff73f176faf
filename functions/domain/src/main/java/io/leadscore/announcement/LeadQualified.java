package io.leadscore.announcement;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lead reaching a threshold from below, on its total score or on a score group's: it is sales-ready (an MQL).
 *
 * @param group     the score group (product line) whose threshold it is, or null for the total score
 * @param groupName the score group's name, or null for the total score
 * @param topRules  the rules that contribute most to the score, best first
 * @param grade     the model's letter grade of the lead's fit ({@code A}...{@code F}), what sales routes on; null
 *                  when the model defines no grades
 * @param market    the market ({@code markets:} in the model) the lead's profile placed it in, whose thresholds it
 *                  reached, what sales in a region routes on; null when it is in none
 * @param likelihood the lead's likelihood to convert (0 to 1), stored with the score that crossed, when the revision
 *                   carries trained weights; left out of the detail when it does not
 */
public record LeadQualified(String qualificationId, String leadId, String group, String groupName,
                            Threshold threshold, int score, String model, Instant at, String eventId,
                            List<TopRule> topRules, Map<String, Object> profile, String grade,
                            String market,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double likelihood) implements Qualified {
    public static final String DETAIL_TYPE = "LeadQualified";
    static final String KIND = "QUALIFIED";

    public LeadQualified {
        Objects.requireNonNull(qualificationId, "qualificationId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(at, "at");
        topRules = Copies.list(topRules, "topRules");
        profile = Copies.profile(profile);
    }

    /** A qualification under a revision without trained weights: no likelihood. */
    public LeadQualified(String qualificationId, String leadId, String group, String groupName, Threshold threshold,
                         int score, String model, Instant at, String eventId, List<TopRule> topRules,
                         Map<String, Object> profile, String grade, String market) {
        this(qualificationId, leadId, group, groupName, threshold, score, model, at, eventId, topRules, profile, grade,
                market, null);
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }

    @Override
    public String kind() {
        return KIND;
    }
}
