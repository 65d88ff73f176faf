package io.leadscore.account;

import io.leadscore.lead.Crossing;
import io.leadscore.lead.Qualification;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.AccountPolicy.AccountThreshold;
import io.leadscore.model.ScoringModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Follows an account as its members change, and watches it against the account thresholds (MQA). An account
 * qualifies when its score reaches a threshold with the committee coverage the threshold requires, once per
 * cycle; it re-arms when its score falls below the re-arm line (losing coverage alone does not take back a
 * qualification, so a member leaving does not make the account flap). Pure, like the lead's scorer.
 */
public final class AccountScorer {
    static final int TOP_MEMBERS = 5;
    /**
     * Account qualification ids are kept apart from a lead's, which start with the lead id: no lead id may start with
     * this ({@link io.leadscore.activity.ActivityValidator} reserves it), so the two can never be equal.
     */
    public static final String QUALIFICATION_PREFIX = "account:";

    private final ScoringModel model;
    private final AccountPolicy policy;

    public AccountScorer(ScoringModel model) {
        this.model = model;
        this.policy = model.accounts();
    }

    public AccountPolicy policy() {
        return policy;
    }

    /** An account after a change, and the crossings the change caused. */
    public record Updated(Account account, List<Crossing> crossings) {
    }

    /**
     * The account with {@code leadId}'s share moved from {@code before} to {@code member} (null: not a member), its
     * thresholds watched and its stage moved if it moves; {@code eventId} is what changed the member, {@code moved}
     * the lead's stage change that came with it (who and why), or null; {@code others} reads every other member's
     * share, should the account need a recount.
     */
    public Updated update(Account account, String leadId, Member before, Member member, Instant at, String eventId,
                          StageChange moved, Supplier<Map<String, Member>> others) {
        Account changed = account.withMember(leadId, before, member, at, policy, others);
        Account.Totals totals = changed.totals(policy);
        Map<String, Qualification> states = new HashMap<>(changed.qualifications());
        List<Crossing> crossings = new ArrayList<>();
        for (AccountThreshold required : policy.thresholds()) {
            String name = required.threshold().name();
            Qualification state = states.getOrDefault(name, Qualification.ARMED);
            Crossing.Kind kind;
            if (!state.qualified() && totals.score() >= required.threshold().points() && covered(required, totals)) {
                state = new Qualification(true, state.cycles() + 1, at);
                kind = Crossing.Kind.ACCOUNT_QUALIFIED;
            } else if (state.qualified() && totals.score() < required.threshold().rearmBelow()) {
                state = new Qualification(false, state.cycles(), at);
                kind = Crossing.Kind.ACCOUNT_DISQUALIFIED;
            } else {
                continue;
            }
            states.put(name, state);
            crossings.add(new Crossing(kind, QUALIFICATION_PREFIX + account.id() + "/" + name + "/" + state.cycles(),
                    leadId, null, null, required.threshold(), totals.score(), model.tag(), at, eventId, List.of(),
                    changed.owner().map(owner -> Map.<String, Object>of(AccountPolicy.OWNER_FIELD, owner))
                            .orElse(Map.of()),
                    account.id(), committee(changed, totals), null));
        }
        return new Updated(staged(changed.withQualifications(states), leadId, member, crossings, moved, at), crossings);
    }

    /**
     * The account in the stage its qualification and members make: an MQA (or its loss) is leadscore's doing, any
     * other move the verdict's that came with the member, or the member's joining or leaving.
     */
    private Account staged(Account account, String leadId, Member member, List<Crossing> crossings, StageChange moved,
                           Instant at) {
        String qualifying = policy.qualifying().map(t -> t.threshold().name()).orElse(null);
        Qualification mqa = qualifying == null ? Qualification.ARMED
                : account.qualifications().getOrDefault(qualifying, Qualification.ARMED);
        AccountStage next = AccountStage.of(mqa.qualified(), account.tally().memberStages());
        if (next == account.stage()) {
            return account;
        }
        Crossing line = crossings.stream().filter(c -> c.threshold().name().equals(qualifying)).findFirst()
                .orElse(null);
        String who = StageChange.SCORING;
        String why;
        if (line != null && (next == AccountStage.MQA || next == AccountStage.ACCOUNT)) {
            why = (line.kind() == Crossing.Kind.ACCOUNT_QUALIFIED ? "reached " + qualifying + " ("
                    + line.threshold().points() : "fell below " + qualifying + "'s re-arm line ("
                    + line.threshold().rearmBelow()) + ") at " + line.score() + " points, " + model.tag();
        } else if (moved != null) {
            who = moved.who();
            why = leadId + " moved to " + moved.to().label() + (moved.why() == null ? "" : ": " + moved.why());
        } else {
            why = member == null ? leadId + " left the account" : leadId + " joined as " + member.stage().label();
        }
        return account.movedTo(new AccountStageChange(account.stage(), next, at, who, why, leadId));
    }

    private static boolean covered(AccountThreshold required, Account.Totals totals) {
        return totals.roles().size() >= required.roles() && totals.engagedMembers() >= required.engagedMembers();
    }

    private Crossing.Committee committee(Account account, Account.Totals totals) {
        List<Crossing.MemberPoints> top = account.tally().leaders().stream().limit(TOP_MEMBERS)
                .map(leader -> new Crossing.MemberPoints(leader.leadId(), leader.role(), leader.points())).toList();
        return new Crossing.Committee(totals.members(), totals.engagedMembers(), totals.roles(), top);
    }
}
