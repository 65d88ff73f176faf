package io.leadscore.account;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountScorerTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static ScoringModel model(String accounts) {
        return ModelLoader.parse("""
                model: accounts-test
                version: 1
                eventTypes:
                  page_view: { requires: [url] }
                  identify: {}
                profileFields:
                  email: string
                  jobTitle: string
                  accountId: string
                  accountOwner: string
                groups:
                  platform: {}
                rules:
                  - { id: pricing, event: page_view, when: { url: { glob: "*/pricing*" } }, points: 30, group: platform }
                  - { id: blog, event: page_view, when: { url: { glob: "*/blog*" } }, points: 5 }
                accounts:
                """ + accounts.indent(2), "test");
    }

    private static final String COMMITTEE = """
            engagedAt: 20
            roles:
              decisionMaker: { jobTitle: { regex: "(?i)\\\\b(vp|chief|director)\\\\b" } }
              technicalEvaluator: { jobTitle: { regex: "(?i)engineer" } }
            thresholds:
              salesReady: { points: 100, rearmBelow: 80, roles: 2 }
            """;

    @Test
    void aLeadBelongsToItsExplicitAccountElseItsCompanyDomainButNeverAFreeMailOne() {
        AccountPolicy policy = ModelLoader.defaultModel().accounts();

        assertEquals("acme-1", policy.accountOf(Map.of("accountId", "acme-1", "email", "dana@acme.example")).get());
        assertEquals("acme.example", policy.accountOf(Map.of("email", "Dana@ACME.example")).get());
        assertTrue(policy.accountOf(Map.of("email", "dana@gmail.com")).isEmpty());
        assertTrue(policy.accountOf(Map.of("email", "no-domain")).isEmpty());
        assertTrue(policy.accountOf(Map.of()).isEmpty());
    }

    @Test
    void theFreeMailListIsTheModelsToChoose() {
        AccountPolicy policy = model("freeMailDomains: [example.org]").accounts();

        assertTrue(policy.accountOf(Map.of("email", "a@example.org")).isEmpty());
        assertEquals("gmail.com", policy.accountOf(Map.of("email", "a@gmail.com")).get());
    }

    @Test
    void theScorerPutsALeadInItsAccountAndMovesItWhenItChangesCompany() {
        LeadScorer scorer = new LeadScorer(ModelLoader.defaultModel());
        Lead lead = scorer.apply(Lead.newLead("dana"), identify("dana", Map.of("email", "dana@acme.example"), T0),
                T0).lead();
        assertEquals("acme.example", lead.accountId());

        Lead moved = scorer.apply(lead, identify("dana", Map.of("email", "dana@globex.example"), T0.plusSeconds(60)),
                T0).lead();
        assertEquals("globex.example", moved.accountId());

        Lead freeMail = scorer.apply(moved, identify("dana", Map.of("email", "dana@gmail.com"), T0.plusSeconds(120)),
                T0).lead();
        assertNull(freeMail.accountId());
    }

    @Test
    void sumMaxAndTopAggregateTheMembersInTotalAndPerGroup() {
        Map<String, Integer> sum = aggregate("aggregate: sum");
        Map<String, Integer> max = aggregate("aggregate: max");
        Map<String, Integer> top2 = aggregate("aggregate: top\ntop: 2");

        // Members score 60 (30 platform + 30 platform), 35 (30 platform + 5) and 5.
        assertEquals(Map.of("total", 100, "platform", 90), sum);
        assertEquals(Map.of("total", 60, "platform", 60), max);
        assertEquals(Map.of("total", 48, "platform", 45), top2); // (60 + 35) / 2 rounds to 48; (60 + 30) / 2
    }

    private static Map<String, Integer> aggregate(String accounts) {
        ScoringModel model = model(accounts);
        AccountScorer scorer = new AccountScorer(model);
        Account account = Account.newAccount("acme.example");
        account = update(scorer, account, "a", new Member(60, Map.of("platform", 60), null, null, null), T0, "e1", null)
                .account();
        account = update(scorer, account, "b", new Member(35, Map.of("platform", 30), null, null, null), T0, "e2", null)
                .account();
        account = update(scorer, account, "c", new Member(5, Map.of(), null, null, null), T0, "e3", null).account();
        Account.Totals totals = account.totals(model.accounts());
        return Map.of("total", totals.score(), "platform", totals.groups().get("platform"));
    }

    @Test
    void anAccountQualifiesOncePerCycleAndOnlyWithTheCommitteeCoverageItRequires() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Account account = Account.newAccount("acme.example");

        var vp = update(scorer, account, "vp", member(model, 70, "VP Sales"), T0, "e1", null);
        var sales = update(scorer, vp.account(), "rep", member(model, 60, "Account Executive"), T0, "e2", null);
        assertEquals(130, sales.account().totals(model.accounts()).score());
        assertTrue(sales.crossings().isEmpty(), "130 points but one role: not covered yet");

        var engineer = update(scorer, sales.account(), "eng", member(model, 25, "Staff Engineer"), T0, "e3", null);
        assertEquals(1, engineer.crossings().size());
        Crossing mqa = engineer.crossings().get(0);
        assertEquals(Crossing.Kind.ACCOUNT_QUALIFIED, mqa.kind());
        assertEquals("account:acme.example/salesReady/1", mqa.qualificationId());
        assertEquals("acme.example", mqa.accountId());
        assertEquals("eng", mqa.leadId());
        assertEquals(155, mqa.score());
        assertEquals(List.of("decisionMaker", "technicalEvaluator"), mqa.committee().roles());
        assertEquals(3, mqa.committee().engagedMembers());

        var again = update(scorer, engineer.account(), "eng", member(model, 30, "Staff Engineer"), T0, "e4", null);
        assertTrue(again.crossings().isEmpty(), "staying above the line never fires again");

        var vpLeft = update(scorer, again.account(), "vp", null, T0, "e5", null);
        assertTrue(vpLeft.crossings().isEmpty(), "90 points: above the re-arm line, whatever the coverage now");
        var repLeft = update(scorer, vpLeft.account(), "rep", null, T0, "e6", null);
        assertEquals(Crossing.Kind.ACCOUNT_DISQUALIFIED, repLeft.crossings().get(0).kind());
        assertEquals("account:acme.example/salesReady/1", repLeft.crossings().get(0).qualificationId());
    }

    @Test
    void settingTheSameShareTwiceChangesNothing() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        var once = update(scorer, Account.newAccount("x"), "a", member(model, 70, "VP"), T0, "e1", null);
        var twice = update(scorer, once.account(), "a", member(model, 70, "VP"), T0, "e1", null);

        assertEquals(once.account(), twice.account());
        assertTrue(twice.crossings().isEmpty());
    }

    @Test
    void theOwnerMostMembersNameRoutesTheAccount() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Account account = Account.newAccount("x");
        account = update(scorer, account, "a", new Member(80, Map.of(), "decisionMaker", "sam", null), T0, "e1", null)
                .account();
        account = update(scorer, account, "b", new Member(10, Map.of(), null, "kim", null), T0, "e2", null).account();
        var mqa = update(scorer, account, "c", new Member(30, Map.of(), "technicalEvaluator", "kim", null), T0, "e3",
                null);

        assertEquals("kim", mqa.account().owner().get());
        assertEquals(Map.of("accountOwner", "kim"), mqa.crossings().get(0).profile());
    }

    @Test
    void anAccountIsAnMqaWhileItsQualificationStandsAndLeadscoreSaysWhy() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Account account = withVp(scorer, model);
        assertEquals(AccountStage.ACCOUNT, account.stage());
        assertEquals(List.of(), account.stageHistory(), "a new account starts as an account: no move");

        Account mqa = withEngineer(scorer, model, account, 40, 60);
        Account fell = withEngineer(scorer, model, mqa, 5, 120);

        assertEquals(AccountStage.MQA, mqa.stage());
        assertEquals(List.of(new AccountStageChange(AccountStage.ACCOUNT, AccountStage.MQA, T0.plusSeconds(60),
                "leadscore", "reached salesReady (100) at 110 points, accounts-test@1", "eng")), mqa.stageHistory());
        assertEquals(AccountStage.ACCOUNT, fell.stage());
        assertEquals(new AccountStageChange(AccountStage.MQA, AccountStage.ACCOUNT, T0.plusSeconds(120), "leadscore",
                "fell below salesReady's re-arm line (80) at 75 points, accounts-test@1", "eng"),
                fell.stageHistory().get(1));
    }

    @Test
    void anAccountGoesAsFarAsItsMostAdvancedMemberAndARecycleTakesItBack() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Account account = withEngineer(scorer, model, withVp(scorer, model), 40, 0);
        assertEquals(AccountStage.MQA, account.stage());

        account = verdict(scorer, account, "vp", 70, Stage.MQL, Stage.SQL, "Budget confirmed", 1);
        assertEquals(AccountStage.SQL, account.stage());
        assertEquals(new AccountStageChange(AccountStage.MQA, AccountStage.SQL, T0.plusSeconds(1), "sam",
                "vp moved to sql: Budget confirmed", "vp"), account.stageHistory().get(1));
        account = verdict(scorer, account, "eng", 40, Stage.LEAD, Stage.OPPORTUNITY, null, 2);
        assertEquals(AccountStage.OPPORTUNITY, account.stage());
        account = verdict(scorer, account, "eng", 40, Stage.OPPORTUNITY, Stage.LOST, "Went with a competitor", 3);
        assertEquals(AccountStage.SQL, account.stage(), "the vp is still in play");
        account = verdict(scorer, account, "vp", 70, Stage.SQL, Stage.LOST, "No budget", 4);
        assertEquals(AccountStage.LOST, account.stage(), "every member in play lost");
        account = verdict(scorer, account, "vp", 70, Stage.LOST, Stage.RECYCLED, "Next year", 5);
        assertEquals(AccountStage.LOST, account.stage(), "the engineer's deal is still lost");
        account = verdict(scorer, account, "eng", 40, Stage.LOST, Stage.RECYCLED, null, 6);
        assertEquals(AccountStage.MQA, account.stage(), "back to its qualification");
        account = verdict(scorer, account, "eng", 40, Stage.RECYCLED, Stage.WON, null, 7);
        assertEquals(AccountStage.WON, account.stage());

        assertEquals(List.of("account>mqa", "mqa>sql", "sql>opportunity", "opportunity>sql", "sql>lost",
                "lost>mqa", "mqa>won"), account.stageHistory().stream()
                .map(change -> change.from().label() + ">" + change.to().label()).toList());
    }

    @Test
    void aMemberJoiningOrLeavingMovesTheAccountToo() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Member customer = new Member(10, Map.of(), null, null, Stage.WON);

        Account joined = update(scorer, Account.newAccount("acme"), "dana", customer, T0, "e1", null).account();
        Account left = update(scorer, joined, "dana", null, T0.plusSeconds(60), "e2", null).account();

        assertEquals(new AccountStageChange(AccountStage.ACCOUNT, AccountStage.WON, T0, "leadscore",
                "dana joined as won", "dana"), joined.stageHistory().get(0));
        assertEquals(new AccountStageChange(AccountStage.WON, AccountStage.ACCOUNT, T0.plusSeconds(60), "leadscore",
                "dana left the account", "dana"), left.stageHistory().get(1));
    }

    @Test
    void theStageHistoryKeepsTheLatestChanges() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Account account = Account.newAccount("acme");
        for (int i = 0; i < Account.MAX_STAGE_HISTORY + 5; i++) {
            Stage stage = i % 2 == 0 ? Stage.SQL : Stage.RECYCLED;
            account = verdict(scorer, account, "dana", 10, Stage.LEAD, stage, "verdict " + i, i);
        }

        assertEquals(Account.MAX_STAGE_HISTORY, account.stageHistory().size());
        assertEquals("dana moved to sql: verdict " + (Account.MAX_STAGE_HISTORY + 4),
                account.stageHistory().get(Account.MAX_STAGE_HISTORY - 1).why());
        assertEquals("dana moved to recycled: verdict 5", account.stageHistory().get(0).why());
    }

    @Test
    void anErasedMembersChangesStayWithoutTheLeadOrTheRepsReason() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Account account = withEngineer(scorer, model, withVp(scorer, model), 40, 0);
        account = verdict(scorer, account, "vp", 70, Stage.MQL, Stage.SQL, "Dana's budget is approved", 1);
        assertTrue(account.mentions("vp"));

        Map<String, Member> members = MEMBERS.get(account);
        Account forgotten = account.forgetting("vp", members.get("vp"), T0.plusSeconds(60), model.accounts(),
                () -> members);

        assertEquals(List.of(new AccountStageChange(AccountStage.ACCOUNT, AccountStage.MQA, T0, "leadscore",
                        "reached salesReady (100) at 110 points, accounts-test@1", "eng"),
                new AccountStageChange(AccountStage.MQA, AccountStage.SQL, T0.plusSeconds(1), "sam",
                        "an erased member moved to sql", null)), forgotten.stageHistory());
        assertEquals(List.of("eng"), forgotten.tally().leaders().stream().map(Tally.Leader::leadId).toList());
        assertEquals(1, forgotten.tally().members());
        assertEquals(AccountStage.SQL, forgotten.stage(), "what sales did stands");
        assertFalse(forgotten.mentions("vp"));
        assertTrue(forgotten.forgetting("eng", null, T0, model.accounts(), Map::of).stageHistory().stream().allMatch(c -> c.leadId() == null));
    }

    /** Acme with its VP, 70 points: not qualified yet (100, two roles). */
    private static Account withVp(AccountScorer scorer, ScoringModel model) {
        return update(scorer, Account.newAccount("acme"), "vp", member(model, 70, "VP Sales"), T0, "e1", null)
                .account();
    }

    /** The account with its engineer's share at {@code points}, {@code second} seconds after T0. */
    private static Account withEngineer(AccountScorer scorer, ScoringModel model, Account account, int points,
                                        int second) {
        return update(scorer, account, "eng", member(model, points, "Staff Engineer"), T0.plusSeconds(second),
                "e-eng-" + second, null).account();
    }

    /** The member's share after a rep's verdict moved its lead, {@code second} seconds after T0. */
    private static Account verdict(AccountScorer scorer, Account account, String leadId, int score, Stage from,
                                   Stage to, String why, int second) {
        Member before = MEMBERS.getOrDefault(account, Map.of()).get(leadId);
        Member share = new Member(score, Map.of(), before != null ? before.role() : null, null, to);
        return update(scorer, account, leadId, share, T0.plusSeconds(second), "feedback-" + second,
                new StageChange(from, to, T0.plusSeconds(second), "sam", why, "crm-" + second)).account();
    }

    /** The members behind each account these tests made: the shares a store keeps beside it. */
    private static final Map<Account, Map<String, Member>> MEMBERS = new IdentityHashMap<>();

    /** The scorer's update with the lead's stored share before it, as a store reads it. */
    private static AccountScorer.Updated update(AccountScorer scorer, Account account, String leadId, Member member,
                                                Instant at, String eventId, StageChange moved) {
        Map<String, Member> members = new HashMap<>(MEMBERS.getOrDefault(account, Map.of()));
        AccountScorer.Updated updated = scorer.update(account, leadId, members.get(leadId), member, at, eventId, moved,
                () -> Map.copyOf(members));
        if (member == null) {
            members.remove(leadId);
        } else {
            members.put(leadId, member);
        }
        MEMBERS.put(updated.account(), members);
        return updated;
    }

    private static Member member(ScoringModel model, int score, String jobTitle) {
        return new Member(score, Map.of(), model.accounts().roleOf(Map.of("jobTitle", jobTitle)).orElse(null), null, null);
    }

    private static Activity identify(String leadId, Map<String, Object> profile, Instant at) {
        return new Activity("id-" + at.getEpochSecond(), "identify", leadId, at, profile, "site", at);
    }
}
