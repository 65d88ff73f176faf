package io.leadscore.announcement;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An account reaching one of its thresholds (MQA) with the committee coverage the threshold requires: its members
 * together are sales-ready.
 *
 * <p>An account's threshold is on its total score, and its "why" is its committee, so the detail's {@code group} and
 * {@code groupName} are null and its {@code topRules} empty.
 *
 * @param leadId    the member whose change crossed the line; null when the detail does not say (the publisher
 *                  always does)
 * @param eventId   what changed the member, or null when its change had no event (it moved to another account)
 * @param profile   the account's: {@code accountOwner}, the owner most members' CRM records name, if any
 * @param committee null when the detail does not say (the publisher always does)
 */
public record AccountQualified(String qualificationId, String leadId, Threshold threshold, int score, String model,
                               Instant at, String eventId, Map<String, Object> profile, String accountId,
                               Committee committee) implements Qualified, AccountAnnouncement {
    public static final String DETAIL_TYPE = "AccountQualified";
    static final String KIND = "ACCOUNT_QUALIFIED";

    public AccountQualified {
        Objects.requireNonNull(qualificationId, "qualificationId");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(accountId, "accountId");
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

    @Override
    @JsonProperty("group")
    public String group() {
        return null;
    }

    @Override
    @JsonProperty("groupName")
    public String groupName() {
        return null;
    }

    @Override
    @JsonProperty("topRules")
    public List<TopRule> topRules() {
        return List.of();
    }
}
