package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.formSubmit;
import static io.leadscore.lead.Activities.pageView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windowed counts and sequences: judged by event time, whatever order the events arrive in. */
class EventPatternRulesTest {
    static final ScoringModel MODEL = ModelLoader.load("../../events/admin/pattern-rules-model.yaml");
    private static final Instant NOW = T0.plus(Duration.ofDays(400));

    @Test
    void aCountRuleFiresOnceTheCountIsReachedInsideTheWindowAndSaysHowFarItHasCome() {
        Scored first = score(Lead.newLead(Activities.LEAD), pageView("/pricing", T0));
        Scored second = score(first.lead(), pageView("/pricing", T0.plus(Duration.ofDays(2))));
        Scored third = score(second.lead(), pageView("/pricing", T0.plus(Duration.ofDays(6))));
        Scored fourth = score(third.lead(), pageView("/pricing", T0.plus(Duration.ofDays(6).plusHours(1))));

        assertEquals(new Contribution("pricing-binge", ScoreKind.ENGAGEMENT, null, 0, "1 of 3 within 7d"),
                first.entry().contributions().get(0));
        assertEquals("2 of 3 within 7d", second.entry().contributions().get(0).note());
        assertEquals(new Contribution("pricing-binge", ScoreKind.ENGAGEMENT, null, 15, "3 within 7d"),
                third.entry().contributions().get(0));
        assertEquals(new Contribution("pricing-binge", ScoreKind.ENGAGEMENT, null, 0,
                "capped: at most 1 time per month"), fourth.entry().contributions().get(0));
        assertEquals(15, fourth.lead().score());
    }

    @Test
    void viewsSpreadWiderThanTheWindowNeverCount() {
        Lead lead = Lead.newLead(Activities.LEAD);
        for (int day = 0; day < 40; day += 4) {
            lead = score(lead, pageView("/pricing", T0.plus(Duration.ofDays(day)))).lead();
        }
        assertEquals(0, lead.score());
    }

    @Test
    void aSequenceFiresOnlyWhenItsEventFollowsTheOtherWithinTheWindow() {
        Lead downloaded = score(Lead.newLead(Activities.LEAD), formSubmit("case-study-acme", T0)).lead();

        Scored soon = score(downloaded, pageView("/pricing", T0.plus(Duration.ofDays(13))));
        Scored late = score(downloaded, pageView("/pricing", T0.plus(Duration.ofDays(15))));
        Scored before = score(score(Lead.newLead(Activities.LEAD), pageView("/pricing", T0)).lead(),
                formSubmit("case-study-acme", T0.plus(Duration.ofHours(1))));

        assertEquals(new Contribution("case-study-then-pricing", ScoreKind.ENGAGEMENT, null, 10,
                "after form_submit within 14d"), soon.entry().contributions().get(1));
        assertEquals(0, late.lead().score());
        assertEquals(0, before.lead().score(), "a download after the pricing view is no sequence");
        Scored again = score(soon.lead(), pageView("/pricing", T0.plus(Duration.ofDays(13).plusHours(1))));
        assertEquals(new Contribution("case-study-then-pricing", ScoreKind.ENGAGEMENT, null, 0,
                "capped: at most 1 time per 14d"), again.entry().contributions().get(1), "its default cap, in days");
    }

    @Test
    void aLateEventCompletesWhatNewerEventsLeftShort() {
        // The stream delivers the pricing views first, and the download, made before them, last.
        Lead lead = score(Lead.newLead(Activities.LEAD), pageView("/pricing", T0.plus(Duration.ofDays(3)))).lead();
        Scored late = score(lead, formSubmit("case-study-acme", T0));
        assertEquals(10, late.lead().score());
        assertEquals(new Contribution("case-study-then-pricing", ScoreKind.ENGAGEMENT, null, 10,
                "after form_submit within 14d"), late.entry().contributions().get(0));

        // Two views of a week, then the one between them arrives: the count is reached at its time.
        Lead views = Lead.newLead(Activities.LEAD);
        for (int day : new int[] {0, 5, 3}) {
            views = score(views, pageView("/pricing", T0.plus(Duration.ofDays(day)))).lead();
        }
        assertEquals(15, views.breakdown().get("pricing-binge").points());
    }

    @Test
    void anEventAWholeWindowOlderThanTheNewestIsNotCountedAndTheLedgerSaysSo() {
        Lead lead = Lead.newLead(Activities.LEAD);
        for (int day : new int[] {20, 21}) {
            lead = score(lead, pageView("/pricing", T0.plus(Duration.ofDays(day)))).lead();
        }
        Scored tooLate = score(lead, pageView("/pricing", T0));

        assertEquals("not counted: older than the 7d the rule looks back from its newest event",
                tooLate.entry().contributions().get(0).note());
        assertEquals(0, tooLate.lead().score());
    }

    @Test
    void eventsInAnyOrderEndWithTheReplaysScore() {
        List<Activity> history = new ArrayList<>();
        int[] days = {0, 1, 2, 9, 10, 30, 31, 32, 33, 50, 51, 52, 53, 64};
        for (int day : days) {
            history.add(pageView("/pricing", T0.plus(Duration.ofDays(day)).plusSeconds(day)));
        }
        history.add(formSubmit("case-study-acme", T0.plus(Duration.ofDays(49))));
        history.add(formSubmit("case-study-beta", T0.plus(Duration.ofDays(8))));
        Lead replayed = new Rescorer(MODEL).replay(Activities.LEAD, history, List.of(), NOW);

        // Each event a few days late behind the next: the stream's usual disorder, within the rules' windows.
        List<Activity> arrival = new ArrayList<>(history);
        arrival.sort((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        for (int i = 0; i + 1 < arrival.size(); i += 2) {
            java.util.Collections.swap(arrival, i, i + 1);
        }
        Lead live = Lead.newLead(Activities.LEAD);
        for (Activity activity : arrival) {
            live = score(live, activity).lead();
        }

        assertEquals(replayed.score(), live.score());
        assertEquals(points(replayed), points(live));
        assertTrue(replayed.breakdown().get("pricing-binge").points() >= 30, "the binge fires in two months");
        assertTrue(replayed.breakdown().get("case-study-then-pricing").points() >= 20);
    }

    @Test
    void aLeadRemembersABoundedHistoryPerRule() {
        Lead lead = Lead.newLead(Activities.LEAD);
        for (int i = 0; i < 500; i++) {
            lead = score(lead, pageView("/pricing", T0.plus(Duration.ofMinutes(10L * i)))).lead();
            lead = score(lead, formSubmit("case-study-" + i, T0.plus(Duration.ofMinutes(10L * i + 5)))).lead();
        }
        for (PatternHistory history : lead.patterns().values()) {
            assertTrue(history.events().size() <= PatternHistory.MAX_REMEMBERED);
            assertTrue(history.antecedents().size() <= PatternHistory.MAX_REMEMBERED);
            assertTrue(history.firings().size() <= 1);
        }
    }

    @Test
    void aMergedVisitorsEventsCountWithTheLeadsAndARecycleForgetsThem() {
        Lead visitor = score(Lead.newLead("anon:v1"), pageView("/pricing", T0)).lead();
        Lead lead = score(Lead.newLead(Activities.LEAD), pageView("/pricing", T0.plus(Duration.ofDays(1)))).lead();
        Lead merged = new LeadScorer(MODEL).merge(lead, visitor, T0.plus(Duration.ofDays(2)), NOW).lead();

        Lead third = score(merged, pageView("/pricing", T0.plus(Duration.ofDays(2)))).lead();
        assertEquals(15, third.breakdown().get("pricing-binge").points(), "the visitor's view is the first of three");

        Lead recycled = new LeadScorer(MODEL).feedback(score(merged, pageView("/blog", T0.plus(Duration.ofDays(2))))
                .lead(), new io.leadscore.lifecycle.Feedback(Activities.LEAD, "fb-1",
                io.leadscore.lifecycle.FeedbackType.RECYCLED, "not now", "rep", T0.plus(Duration.ofDays(2))), NOW)
                .lead();
        Lead afterRecycle = score(recycled, pageView("/pricing", T0.plus(Duration.ofDays(3)))).lead();
        assertEquals(java.util.Map.of(), recycled.patterns());
        assertEquals("1 of 3 within 7d", score(recycled, pageView("/pricing", T0.plus(Duration.ofDays(3)))).entry()
                .contributions().get(0).note());
        assertEquals(0, afterRecycle.score());
    }

    static java.util.Map<String, Integer> points(Lead lead) {
        java.util.Map<String, Integer> points = new java.util.TreeMap<>();
        lead.breakdown().forEach((rule, tally) -> points.put(rule, tally.points()));
        return points;
    }

    private static Scored score(Lead lead, Activity activity) {
        return new LeadScorer(MODEL).apply(lead, activity, NOW);
    }
}
