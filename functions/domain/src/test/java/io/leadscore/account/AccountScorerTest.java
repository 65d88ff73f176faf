package io.leadscore.account;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.model.AccountPolicy;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        account = scorer.update(account, "a", new Member(60, Map.of("platform", 60), null, null), T0, "e1").account();
        account = scorer.update(account, "b", new Member(35, Map.of("platform", 30), null, null), T0, "e2").account();
        account = scorer.update(account, "c", new Member(5, Map.of(), null, null), T0, "e3").account();
        Account.Totals totals = account.totals(model.accounts());
        return Map.of("total", totals.score(), "platform", totals.groups().get("platform"));
    }

    @Test
    void anAccountQualifiesOncePerCycleAndOnlyWithTheCommitteeCoverageItRequires() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Account account = Account.newAccount("acme.example");

        var vp = scorer.update(account, "vp", member(model, 70, "VP Sales"), T0, "e1");
        var sales = scorer.update(vp.account(), "rep", member(model, 60, "Account Executive"), T0, "e2");
        assertEquals(130, sales.account().totals(model.accounts()).score());
        assertTrue(sales.crossings().isEmpty(), "130 points but one role: not covered yet");

        var engineer = scorer.update(sales.account(), "eng", member(model, 25, "Staff Engineer"), T0, "e3");
        assertEquals(1, engineer.crossings().size());
        Crossing mqa = engineer.crossings().get(0);
        assertEquals(Crossing.Kind.ACCOUNT_QUALIFIED, mqa.kind());
        assertEquals("account:acme.example/salesReady/1", mqa.qualificationId());
        assertEquals("acme.example", mqa.accountId());
        assertEquals("eng", mqa.leadId());
        assertEquals(155, mqa.score());
        assertEquals(List.of("decisionMaker", "technicalEvaluator"), mqa.committee().roles());
        assertEquals(3, mqa.committee().engagedMembers());

        var again = scorer.update(engineer.account(), "eng", member(model, 30, "Staff Engineer"), T0, "e4");
        assertTrue(again.crossings().isEmpty(), "staying above the line never fires again");

        var vpLeft = scorer.update(again.account(), "vp", null, T0, "e5");
        assertTrue(vpLeft.crossings().isEmpty(), "90 points: above the re-arm line, whatever the coverage now");
        var repLeft = scorer.update(vpLeft.account(), "rep", null, T0, "e6");
        assertEquals(Crossing.Kind.ACCOUNT_DISQUALIFIED, repLeft.crossings().get(0).kind());
        assertEquals("account:acme.example/salesReady/1", repLeft.crossings().get(0).qualificationId());
    }

    @Test
    void settingTheSameShareTwiceChangesNothing() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        var once = scorer.update(Account.newAccount("x"), "a", member(model, 70, "VP"), T0, "e1");
        var twice = scorer.update(once.account(), "a", member(model, 70, "VP"), T0, "e1");

        assertEquals(once.account(), twice.account());
        assertTrue(twice.crossings().isEmpty());
    }

    @Test
    void theOwnerMostMembersNameRoutesTheAccount() {
        ScoringModel model = model(COMMITTEE);
        AccountScorer scorer = new AccountScorer(model);
        Account account = Account.newAccount("x");
        account = scorer.update(account, "a", new Member(80, Map.of(), "decisionMaker", "sam"), T0, "e1").account();
        account = scorer.update(account, "b", new Member(10, Map.of(), null, "kim"), T0, "e2").account();
        var mqa = scorer.update(account, "c", new Member(30, Map.of(), "technicalEvaluator", "kim"), T0, "e3");

        assertEquals("kim", mqa.account().owner().get());
        assertEquals(Map.of("accountOwner", "kim"), mqa.crossings().get(0).profile());
    }

    private static Member member(ScoringModel model, int score, String jobTitle) {
        return new Member(score, Map.of(), model.accounts().roleOf(Map.of("jobTitle", jobTitle)).orElse(null), null);
    }

    private static Activity identify(String leadId, Map<String, Object> profile, Instant at) {
        return new Activity("id-" + at.getEpochSecond(), "identify", leadId, at, profile, "site", at);
    }
}
