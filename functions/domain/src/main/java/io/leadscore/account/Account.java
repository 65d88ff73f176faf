package io.leadscore.account;

import io.leadscore.lead.Qualification;
import io.leadscore.model.AccountPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An account (a company's buying committee): the tally of its members' shares and where it stands against the
 * account thresholds. The shares themselves are stored apart, one item each, so that writing an account costs the same
 * whatever its size; every figure is the tally's, which moves with each share exactly as a recount would.
 *
 * @param revision       how many times it has been written; the store's optimistic lock
 * @param tally          its members' counts, sums and leaderboards; null when stored in the old form (members
 *                       inside the account), which the next write recounts from the members
 * @param qualifications per account threshold: qualified or armed, and how many times it qualified
 * @param stage          where it is in the funnel: MQA by its qualification, the rest by its members' verdicts
 * @param stageHistory   its latest stage changes, oldest first, at most {@value #MAX_STAGE_HISTORY}
 */
public record Account(String id, long revision, Tally tally, Map<String, Qualification> qualifications,
                      Instant updatedAt, AccountStage stage, List<AccountStageChange> stageHistory) {
    /** An account's stage moves a handful of times a sales cycle; the bound keeps the item small all the same. */
    public static final int MAX_STAGE_HISTORY = 20;
    /** Who made a stage change, once the lead who did is erased. */
    static final String ERASED_MEMBER = "an erased member";

    public Account {
        qualifications = Map.copyOf(qualifications);
        stage = stage == null ? AccountStage.ACCOUNT : stage; // stored before stages were kept
        stageHistory = stageHistory == null ? List.of() : List.copyOf(stageHistory);
    }

    public static Account newAccount(String id) {
        return new Account(id, 0, Tally.EMPTY, Map.of(), null, AccountStage.ACCOUNT, List.of());
    }

    public Account withRevision(long newRevision) {
        return new Account(id, newRevision, tally, qualifications, updatedAt, stage, stageHistory);
    }

    /** Whether its tally is counted under this policy (a model that changes it needs a recount). */
    public boolean fits(AccountPolicy policy) {
        return tally != null && tally.fits(policy);
    }

    /**
     * With the lead's share moved from {@code before} to {@code after} (null: not a member). The tally moves by the
     * difference; when it cannot (a leaderboard fell short, the policy changed, the old form), it is recounted from
     * {@code others}, every other member's share.
     */
    public Account withMember(String leadId, Member before, Member after, Instant at, AccountPolicy policy,
                              Supplier<Map<String, Member>> others) {
        Tally next = fits(policy) ? tally.with(leadId, before, after, policy).orElse(null) : null;
        if (next == null) {
            Map<String, Member> members = new HashMap<>(others.get());
            members.remove(leadId);
            if (after != null) {
                members.put(leadId, after);
            }
            next = Tally.of(members, policy);
        }
        return new Account(id, revision, next, qualifications, at, stage, stageHistory);
    }

    Account withQualifications(Map<String, Qualification> next) {
        return new Account(id, revision, tally, next, updatedAt, stage, stageHistory);
    }

    /** The account moved to another stage: the change is remembered, the oldest forgotten past the bound. */
    Account movedTo(AccountStageChange change) {
        List<AccountStageChange> history = new ArrayList<>(stageHistory);
        history.add(change);
        return new Account(id, revision, tally, qualifications, updatedAt, change.to(),
                history.subList(Math.max(0, history.size() - MAX_STAGE_HISTORY), history.size()));
    }

    /** Whether its stage history names the lead. */
    public boolean mentions(String leadId) {
        return stageHistory.stream().anyMatch(change -> leadId.equals(change.leadId()));
    }

    /**
     * The account without the lead's share ({@code share}, null if it held none), and with its stage history no
     * longer naming it (an erasure): a change the lead made is kept, by "an erased member" and without the rep's
     * reason, which may speak of the person.
     */
    public Account forgetting(String leadId, Member share, Instant at, AccountPolicy policy,
                              Supplier<Map<String, Member>> others) {
        List<AccountStageChange> history = stageHistory.stream()
                .map(change -> leadId.equals(change.leadId()) ? anonymous(change) : change).toList();
        Account left = share == null && fits(policy) ? this : withMember(leadId, share, null, at, policy, others);
        return new Account(id, revision, left.tally, qualifications, at, stage, history);
    }

    /** A member's change ({@code dana moved to sql: reason}) as an erased member's ({@code ... moved to sql}). */
    private static AccountStageChange anonymous(AccountStageChange change) {
        String why = change.why().startsWith(change.leadId() + " ")
                ? ERASED_MEMBER + change.why().substring(change.leadId().length()).split(": ", 2)[0]
                : change.why(); // leadscore's reason for an MQA names no one
        return new AccountStageChange(change.from(), change.to(), change.at(), change.who(), why, null);
    }

    /** What the account adds up to under the policy its tally was counted under. */
    public Totals totals(AccountPolicy policy) {
        return tally.totals(policy);
    }

    /** The owner most members' CRM records name (ties: the first by name); empty when none does. */
    public Optional<String> owner() {
        return tally.owner();
    }

    /**
     * An account's figures: its score and group scores, its members, how many are engaged and the roles the
     * engaged ones fill (a decision maker who never engaged is not yet part of the conversation).
     */
    public record Totals(int score, Map<String, Integer> groups, int members, int engagedMembers,
                         List<String> roles) {
    }
}
