package io.leadscore.scoring;

import io.leadscore.activity.Activity;
import io.leadscore.lead.ConversionLikelihood;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.RescoreRun.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The likelihood to convert is set on every lead a scoring transaction writes, from the lead as written, its account
 * as the transaction leaves it, at the transaction's time: by a batch, a decay sweep and a re-score alike, and by none
 * under a revision without trained weights.
 */
class LikelihoodTransactionTest {
    /** RescoreRunTest's: its Dana's history starts then. */
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    private static final double DAY = 86_400;
    static final String PREDICTION = """
            prediction:
              label: opportunity
              horizon: 90d
              intercept: -2
              weights:
                "rule:pricing-page:hits": 0.3
                "rule:pricing-page:7d": 0.5
                "fit:title-decision-maker": 0.7
                "group:platform": 0.01
                recency: -0.05
                account: 0.004
            """;
    /** The shipped model, sales-ready at 50, so that Dana qualifies. */
    private static final String RULES = RescoreRunTest.defaultYaml().replace(
            "salesReady: { points: 100, rearmBelow: 90 }", "salesReady: { points: 50, rearmBelow: 40 }");
    private static final ScoringModel FIRST = RescoreRunTest.revision(1, RULES);
    private static final ScoringModel WEIGHTED = RescoreRunTest.revision(2, RULES + PREDICTION);
    private static final ScoringModel THIRD = RescoreRunTest.revision(3, RULES);

    private final GuardedMemoryStore store = new GuardedMemoryStore();

    @Test
    void aBatchGivesEachLeadItWritesTheLogisticOfItsFeaturesWithItsAccountAfterTheBatch() {
        live(WEIGHTED, CLOCK, RescoreRunTest.dana(), sam());

        Lead dana = store.leads.get("dana");
        Lead sam = store.leads.get("sam");
        int account = dana.score() + sam.score(); // summed: both written in the batch's one transaction
        assertEquals(new ConversionLikelihood(expected(dana, account, CLOCK.instant()), 2), dana.likelihood());
        assertEquals(new ConversionLikelihood(expected(sam, account, CLOCK.instant()), 2), sam.likelihood());
    }

    @Test
    void aQualificationAnnouncesTheLikelihoodStoredWithTheScoreThatCrossed() {
        live(WEIGHTED, CLOCK, RescoreRunTest.dana());

        List<Crossing> qualified = store.outbox.stream().filter(c -> c.kind() == Crossing.Kind.QUALIFIED).toList();
        assertEquals(List.of("dana/salesReady/1"), qualified.stream().map(Crossing::qualificationId).toList());
        assertEquals(store.leads.get("dana").likelihood().probability(), qualified.get(0).likelihood());
    }

    @Test
    void aDecaySweepGivesTheLikelihoodAtTheSweepsTime() {
        live(WEIGHTED, CLOCK, RescoreRunTest.dana());
        Instant later = T0.plus(Duration.ofDays(40));
        Clock sweepClock = Clock.fixed(later, ZoneOffset.UTC);

        new ScoringRun(store, WEIGHTED, sweepClock).decay("dana", later);

        Lead dana = store.leads.get("dana");
        int account = store.accounts.get("acme.example").totals(WEIGHTED.accounts()).score();
        assertEquals(new ConversionLikelihood(expected(dana, account, later), 2), dana.likelihood());
    }

    @Test
    void aReScoreWritesTheNewRevisionsLikelihoodOnceEvenWhenTheScoreReplaysToItselfAndNoneWithoutWeights() {
        live(FIRST, CLOCK, RescoreRunTest.dana());
        Lead before = store.leads.get("dana");
        int entries = store.ledger("dana").size();
        assertNull(before.likelihood(), "no weights, no likelihood");
        assertEquals(List.of(), store.outbox.stream().filter(c -> c.likelihood() != null).toList());

        assertEquals(Outcome.CHANGED, new RescoreRun(store, WEIGHTED, CLOCK, false).rescore("dana"));
        Lead weighted = store.leads.get("dana");
        assertEquals(before.score(), weighted.score());
        assertEquals(entries, store.ledger("dana").size(), "the score did not move: no ledger entry");
        int account = store.accounts.get("acme.example").totals(WEIGHTED.accounts()).score();
        assertEquals(new ConversionLikelihood(expected(weighted, account, CLOCK.instant()), 2),
                weighted.likelihood());
        assertEquals(Outcome.UNCHANGED, new RescoreRun(store, WEIGHTED, CLOCK, false).rescore("dana"), "run again");

        assertEquals(Outcome.CHANGED, new RescoreRun(store, THIRD, CLOCK, false).rescore("dana"));
        assertNull(store.leads.get("dana").likelihood(), "a revision without weights takes it away");
        assertEquals(Outcome.UNCHANGED, new RescoreRun(store, THIRD, CLOCK, false).rescore("dana"));
        assertEquals(entries, store.ledger("dana").size());
    }

    /** The revision's arithmetic written out by hand over the lead's state, not through LeadFeatures. */
    private static double expected(Lead lead, int accountScore, Instant at) {
        RuleTally pricing = lead.breakdown().get("pricing-page");
        double sinceIncrease = (at.getEpochSecond() - lead.lastScoreIncreaseAt().getEpochSecond()) / DAY;
        double logit = -2 + 0.3 * pricing.hits()
                + 0.5 * ((at.getEpochSecond() - pricing.lastAt().getEpochSecond()) / DAY < 7 ? 1 : 0)
                + 0.7 * (lead.breakdown().containsKey("title-decision-maker") ? 1 : 0)
                + 0.01 * lead.groupScore("platform") - 0.05 * sinceIncrease + 0.004 * accountScore;
        return 1 / (1 + Math.exp(-logit));
    }

    /** Records the activities and scores them as one batch, as the score function does. */
    @SafeVarargs
    private void live(ScoringModel model, Clock clock, List<Activity>... leads) {
        Map<String, List<Activity>> batch = new LinkedHashMap<>();
        for (List<Activity> activities : leads) {
            store.record(activities);
            activities.forEach(a -> batch.computeIfAbsent(a.leadId(), id -> new ArrayList<>()).add(a));
        }
        ScoringRun run = new ScoringRun(store, model, clock);
        run.groups(batch).forEach(run::apply);
    }

    /** Sam, Dana's colleague: a pricing view, then his work email. */
    private static List<Activity> sam() {
        Instant at = T0.plusSeconds(300);
        return List.of(new Activity("sam-5", "page_view", "sam", at, Map.of("url", "https://acme.example/pricing"),
                "site", at), new Activity("sam-id", "identify", "sam", T0.plusSeconds(360),
                Map.of("email", "sam@acme.example"), "site", T0.plusSeconds(360)));
    }
}
