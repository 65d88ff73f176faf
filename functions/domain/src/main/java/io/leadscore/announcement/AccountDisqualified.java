package io.leadscore.announcement;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A qualified account falling below the threshold's re-arm line: the threshold is armed again. (A member leaving does
 * not by itself withdraw a qualification.)
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
public record AccountDisqualified(String qualificationId, String leadId, Threshold threshold, int score, String model,
                                  Instant at, String eventId, Map<String, Object> profile, String accountId,
                                  Committee committee) implements AccountAnnouncement {
    public static final String DETAIL_TYPE = "AccountDisqualified";
    static final String KIND = "ACCOUNT_DISQUALIFIED";

    public AccountDisqualified {
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

    // Every announcement's detail has these fields, so that consumers can read them alike.

    @JsonProperty("group")
    private String noGroup() {
        return null;
    }

    @JsonProperty("groupName")
    private String noGroupName() {
        return null;
    }

    @JsonProperty("topRules")
    private List<TopRule> noTopRules() {
        return List.of();
    }
}
