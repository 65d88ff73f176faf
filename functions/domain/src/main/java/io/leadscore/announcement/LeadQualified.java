package io.leadscore.announcement;

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
 */
public record LeadQualified(String qualificationId, String leadId, String group, String groupName,
                            Threshold threshold, int score, String model, Instant at, String eventId,
                            List<TopRule> topRules, Map<String, Object> profile, String grade,
                            String market) implements Qualified {
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

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }

    @Override
    public String kind() {
        return KIND;
    }
}
