package io.leadscore.announcement;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lead whose score has not increased for the model's cold period: cold is a state of its own, announced once per
 * cold spell ({@code qualificationId} {@code <lead>/cold/<epoch second>}). It crosses no threshold, so the detail's
 * {@code group}, {@code groupName} and {@code threshold} are null.
 *
 * @param topRules the rules that contribute most to the score, best first
 */
public record LeadWentCold(String qualificationId, String leadId, int score, String model, Instant at, String eventId,
                           List<TopRule> topRules, Map<String, Object> profile) implements Announcement {
    public static final String DETAIL_TYPE = "LeadWentCold";
    static final String KIND = "WENT_COLD";

    public LeadWentCold {
        Objects.requireNonNull(qualificationId, "qualificationId");
        Objects.requireNonNull(leadId, "leadId");
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

    // Every announcement's detail has these fields, so that consumers can read them alike; here they are null.

    @JsonProperty("group")
    private String noGroup() {
        return null;
    }

    @JsonProperty("groupName")
    private String noGroupName() {
        return null;
    }

    @JsonProperty("threshold")
    private Threshold noThreshold() {
        return null;
    }
}
