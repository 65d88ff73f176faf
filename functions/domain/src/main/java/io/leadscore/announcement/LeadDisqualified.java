package io.leadscore.announcement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A qualified lead falling below the threshold's re-arm line (by decay, or negative points): the threshold is
 * armed again, and the lead goes back to nurturing.
 *
 * @param group     the score group (product line) whose threshold it is, or null for the total score
 * @param groupName the score group's name, or null for the total score
 * @param topRules  the rules that contribute most to the score, best first
 */
public record LeadDisqualified(String qualificationId, String leadId, String group, String groupName,
                               Threshold threshold, int score, String model, Instant at, String eventId,
                               List<TopRule> topRules, Map<String, Object> profile) implements Announcement {
    public static final String DETAIL_TYPE = "LeadDisqualified";
    static final String KIND = "DISQUALIFIED";

    public LeadDisqualified {
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
