package io.leadscore.account;

import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.AccountPolicy;

import java.util.Map;

/**
 * A lead's share of its account, as the account keeps it: the account is the aggregate of these, so a member's
 * change is one absolute update of its share (the same write however often it is redelivered) and the account
 * never rereads its members.
 *
 * @param role  the buying-committee role the member fills, or null
 * @param owner the account owner the member's CRM record names, or null
 * @param stage the lead's stage: the account's stage follows its members' verdicts
 */
public record Member(int score, Map<String, Integer> groups, String role, String owner, Stage stage) {

    public Member {
        groups = Map.copyOf(groups);
        stage = stage == null ? Stage.LEAD : stage; // shares stored before stages were kept
    }

    public static Member of(Lead lead, AccountPolicy policy) {
        Object owner = lead.profile().get(AccountPolicy.OWNER_FIELD);
        return new Member(lead.score(), lead.groups(), policy.roleOf(lead.profile()).orElse(null),
                owner instanceof String name && !name.isBlank() ? name : null, lead.stage());
    }

    public boolean engaged(AccountPolicy policy) {
        return score >= policy.engagedAt();
    }
}
