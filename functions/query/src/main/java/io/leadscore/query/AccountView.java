package io.leadscore.query;

import io.leadscore.account.Account;
import io.leadscore.account.AccountStage;
import io.leadscore.account.AccountStageChange;
import io.leadscore.account.Member;
import io.leadscore.account.Tally;
import io.leadscore.lead.Qualification;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.ScoringModel;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An account as sales reads it: its score and group scores, each member's share of it, the buying committee's
 * coverage, where it stands against the account thresholds (MQA), its stage in the funnel with who moved it and why,
 * and what sales was told.
 */
record AccountView(String accountId, int score, List<GroupScore> groups, List<MemberView> members,
                   Coverage coverage, List<LeadView.ThresholdView> thresholds, String owner, AccountStage stage,
                   List<AccountStageChange> stageHistory, List<LeadView.Notification> notifications) {

    record GroupScore(String id, String name, int score) {
    }

    /** A member, its points, its contribution under the model's aggregate, and its lead's stage. */
    record MemberView(String leadId, int score, int contribution, String role, boolean engaged, Stage stage) {
    }

    /**
     * Who is engaged and in which roles, against what the sales-ready threshold (or else the first) requires.
     */
    record Coverage(int engagedMembers, List<String> roles, int requiredRoles, int requiredEngagedMembers,
                    boolean met) {
    }

    /**
     * The view of an account with its members' shares as stored: its figures counted from them, under the model as
     * published now.
     */
    static AccountView of(Account account, Map<String, Member> shares, ScoringModel model,
                          List<LeadView.Notification> notifications) {
        AccountPolicy policy = model.accounts();
        Tally tally = Tally.of(shares, policy);
        Account.Totals totals = tally.totals(policy);
        List<MemberView> members = shares.entrySet().stream()
                .map(e -> member(e.getKey(), e.getValue(), tally.contribution(e.getKey(), e.getValue(), policy), policy))
                .sorted(Comparator.comparingInt((MemberView m) -> -m.score()).thenComparing(MemberView::leadId))
                .toList();
        List<GroupScore> groups = model.groups().values().stream()
                .map(g -> new GroupScore(g.id(), g.name(), totals.groups().getOrDefault(g.id(), 0))).toList();
        List<LeadView.ThresholdView> thresholds = policy.thresholds().stream().map(t -> {
            Qualification state = account.qualifications().getOrDefault(t.threshold().name(), Qualification.ARMED);
            return new LeadView.ThresholdView(t.threshold().name(), t.threshold().points(),
                    totals.score() >= t.threshold().points(), state.qualified(), state.cycles());
        }).toList();
        AccountPolicy.AccountThreshold required = policy.qualifying().orElse(null);
        int needRoles = required == null ? 0 : required.roles();
        int needEngaged = required == null ? 0 : required.engagedMembers();
        Coverage coverage = new Coverage(totals.engagedMembers(), totals.roles(), needRoles, needEngaged,
                totals.roles().size() >= needRoles && totals.engagedMembers() >= needEngaged);
        return new AccountView(account.id(), totals.score(), groups, members, coverage, thresholds,
                tally.owner().orElse(null), account.stage(), account.stageHistory(), notifications);
    }

    private static MemberView member(String leadId, Member member, int contribution, AccountPolicy policy) {
        return new MemberView(leadId, member.score(), contribution, member.role(), member.engaged(policy),
                member.stage());
    }
}
