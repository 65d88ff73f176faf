package io.leadscore.account;

import io.leadscore.lead.Qualification;
import io.leadscore.model.AccountPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An account (a company's buying committee): its members' shares and where it stands against the account
 * thresholds. Like a lead's, its score is never stored apart from its reasons: every figure is computed from
 * the members by the model's {@link AccountPolicy}.
 *
 * @param revision       how many times it has been written; the store's optimistic lock
 * @param members        per lead id, that lead's share
 * @param qualifications per account threshold: qualified or armed, and how many times it qualified
 * @param stage          where it is in the funnel: MQA by its qualification, the rest by its members' verdicts
 * @param stageHistory   its latest stage changes, oldest first, at most {@value #MAX_STAGE_HISTORY}
 */
public record Account(String id, long revision, Map<String, Member> members,
                      Map<String, Qualification> qualifications, Instant updatedAt, AccountStage stage,
                      List<AccountStageChange> stageHistory) {
    /** About 110 bytes a share: some 220 KB, about half of DynamoDB's item limit. */
    public static final int MAX_MEMBERS = 2_000;
    /** An account's stage moves a handful of times a sales cycle; the bound keeps the item small all the same. */
    public static final int MAX_STAGE_HISTORY = 20;
    /** Who made a stage change, once the lead who did is erased. */
    static final String ERASED_MEMBER = "an erased member";

    public Account {
        members = Map.copyOf(members);
        qualifications = Map.copyOf(qualifications);
        stage = stage == null ? AccountStage.ACCOUNT : stage; // stored before stages were kept
        stageHistory = stageHistory == null ? List.of() : List.copyOf(stageHistory);
    }

    public static Account newAccount(String id) {
        return new Account(id, 0, Map.of(), Map.of(), null, AccountStage.ACCOUNT, List.of());
    }

    public Account withRevision(long newRevision) {
        return new Account(id, newRevision, members, qualifications, updatedAt, stage, stageHistory);
    }

    /**
     * With the lead's share set to {@code member}, or the lead removed when {@code member} is null. An account holds
     * at most {@value #MAX_MEMBERS} shares, so that its item stays well inside DynamoDB's 400 KB: a newcomer to a
     * full account takes the place of the weakest member if it scores more, and is left out if it does not (it
     * comes in when it does). The account is then its best {@value #MAX_MEMBERS} members.
     */
    public Account withMember(String leadId, Member member, Instant at) {
        Map<String, Member> next = new HashMap<>(members);
        if (member == null) {
            next.remove(leadId);
        } else if (next.containsKey(leadId) || next.size() < MAX_MEMBERS) {
            next.put(leadId, member);
        } else {
            Map.Entry<String, Member> weakest = ranked().get(ranked().size() - 1);
            if (member.score() <= weakest.getValue().score()) {
                return this;
            }
            next.remove(weakest.getKey());
            next.put(leadId, member);
        }
        return new Account(id, revision, next, qualifications, at, stage, stageHistory);
    }

    Account withQualifications(Map<String, Qualification> next) {
        return new Account(id, revision, members, next, updatedAt, stage, stageHistory);
    }

    /** The account moved to another stage: the change is remembered, the oldest forgotten past the bound. */
    Account movedTo(AccountStageChange change) {
        List<AccountStageChange> history = new ArrayList<>(stageHistory);
        history.add(change);
        return new Account(id, revision, members, qualifications, updatedAt, change.to(),
                history.subList(Math.max(0, history.size() - MAX_STAGE_HISTORY), history.size()));
    }

    /** Whether the account holds the lead's share or names it in its stage history. */
    public boolean mentions(String leadId) {
        return members.containsKey(leadId) || stageHistory.stream().anyMatch(change -> leadId.equals(change.leadId()));
    }

    /**
     * The account without the lead's share, and with its stage history no longer naming it (an erasure): a change the
     * lead made is kept, by "an erased member" and without the rep's reason, which may speak of the person.
     */
    public Account forgetting(String leadId, Instant at) {
        List<AccountStageChange> history = stageHistory.stream()
                .map(change -> leadId.equals(change.leadId()) ? anonymous(change) : change).toList();
        return new Account(id, revision, withMember(leadId, null, at).members, qualifications, at, stage, history);
    }

    /** A member's change ({@code dana moved to sql: reason}) as an erased member's ({@code ... moved to sql}). */
    private static AccountStageChange anonymous(AccountStageChange change) {
        String why = change.why().startsWith(change.leadId() + " ")
                ? ERASED_MEMBER + change.why().substring(change.leadId().length()).split(": ", 2)[0]
                : change.why(); // leadscore's reason for an MQA names no one
        return new AccountStageChange(change.from(), change.to(), change.at(), change.who(), why, null);
    }

    /** What the account adds up to under a policy. */
    public Totals totals(AccountPolicy policy) {
        Map<String, List<Integer>> perGroup = new TreeMap<>();
        members.values().forEach(m -> m.groups().forEach((group, points) ->
                perGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(points)));
        Map<String, Integer> groups = new TreeMap<>();
        perGroup.forEach((group, points) -> groups.put(group, policy.combine(points)));
        TreeSet<String> roles = new TreeSet<>();
        int engaged = 0;
        for (Member member : members.values()) {
            if (member.engaged(policy)) {
                engaged++;
                if (member.role() != null) {
                    roles.add(member.role());
                }
            }
        }
        return new Totals(policy.combine(members.values().stream().map(Member::score).toList()), groups,
                members.size(), engaged, List.copyOf(roles));
    }

    /**
     * What each member adds to the account's score: its points (sum), the best member's points (max), or its
     * share of the top members' average (top); members outside the aggregate add 0.
     */
    public Map<String, Integer> contributions(AccountPolicy policy) {
        List<Map.Entry<String, Member>> ranked = ranked();
        int counted = switch (policy.aggregate()) {
            case SUM -> ranked.size();
            case MAX -> Math.min(1, ranked.size());
            case TOP -> Math.min(policy.top(), ranked.size());
        };
        Map<String, Integer> shares = new TreeMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            int points = ranked.get(i).getValue().score();
            shares.put(ranked.get(i).getKey(), i >= counted ? 0
                    : policy.aggregate() == AccountPolicy.Aggregate.TOP ? Math.round((float) points / counted) : points);
        }
        return shares;
    }

    /** The members, best first (ties by lead id). */
    List<Map.Entry<String, Member>> ranked() {
        return members.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Member> e) -> -e.getValue().score())
                        .thenComparing(Map.Entry::getKey)).toList();
    }

    /** The owner most members' CRM records name (ties: the first by name); empty when none does. */
    public Optional<String> owner() {
        Map<String, Integer> votes = new TreeMap<>();
        members.values().stream().filter(m -> m.owner() != null).forEach(m -> votes.merge(m.owner(), 1, Integer::sum));
        return votes.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey);
    }

    /**
     * An account's figures: its score and group scores, its members, how many are engaged and the roles the
     * engaged ones fill (a decision maker who never engaged is not yet part of the conversation).
     */
    public record Totals(int score, Map<String, Integer> groups, int members, int engagedMembers,
                         List<String> roles) {
    }
}
