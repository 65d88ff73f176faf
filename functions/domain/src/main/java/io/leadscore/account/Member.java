package io.leadscore.account;

import io.leadscore.lead.Lead;
import io.leadscore.model.AccountPolicy;

import java.util.Map;

/**
 * A lead's share of its account, as the account keeps it: the account is the aggregate of these, so a member's
 * change is one absolute update of its share (the same write however often it is redelivered) and the account
 * never rereads its members.
 *
 * @param role  the buying-committee role the member fills, or null
 * @param owner the account owner the member's CRM record names, or null
 */
public record Member(int score, Map<String, Integer> groups, String role, String owner) {

    public Member {
        groups = Map.copyOf(groups);
    }

    public static Member of(Lead lead, AccountPolicy policy) {
        Object owner = lead.profile().get(AccountPolicy.OWNER_FIELD);
        return new Member(lead.score(), lead.groups(), policy.roleOf(lead.profile()).orElse(null),
                owner instanceof String name && !name.isBlank() ? name : null);
    }

    public boolean engaged(AccountPolicy policy) {
        return score >= policy.engagedAt();
    }
}
