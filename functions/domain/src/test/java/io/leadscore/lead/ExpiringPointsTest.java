package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static io.leadscore.lead.Crossing.Kind.DISQUALIFIED;
import static io.leadscore.lead.Crossing.Kind.QUALIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Points of rules with {@code expires:}: remembered per grant, taken back when due in an {@code expiry} entry. */
class ExpiringPointsTest {
    static final ScoringModel MODEL = ModelLoader.parse("""
            model: expiring
            version: 1
            eventTypes: { webinar: {}, page_view: {}, email_unsubscribe: {}, form_submit: {} }
            thresholds: { salesReady: { points: 30, rearmBelow: 25 } }
            decay: none
            cold: none
            groups:
              platform: { cap: 15 }
            rules:
              - { id: webinar, event: webinar, points: 20, expires: 90d }
              - { id: visit, event: page_view, points: 5, cap: { times: 1, per: day }, expires: 30d }
              - { id: unsubscribed, event: email_unsubscribe, points: -25, expires: 52w }
              - { id: demo, event: form_submit, points: 10, group: platform, expires: 30d }
            """, "test");
    private static final Duration DAY = Duration.ofDays(1);

    private final LeadJourney journey = new LeadJourney(MODEL);
    private final LeadDecay sweeps = new LeadDecay(MODEL);

    @Test
    void anExpiryTakesTheGrantsPointsBackInOneEntryDatedWhenDue() {
        journey.then(event("webinar", 0));
        journey.then(event("webinar", 1));
        assertEquals(T0.plus(DAY.multipliedBy(90)), journey.lead().nextDueAt(), "no decay, no cold: still due");

        LeadDecay.Swept swept = sweeps.sweep(journey.lead(), T0.plus(DAY.multipliedBy(90)));

        LedgerEntry entry = swept.entries().get(0);
        assertEquals(List.of(LedgerEntry.EXPIRY), swept.entries().stream().map(LedgerEntry::reason).toList());
        assertEquals(T0.plus(DAY.multipliedBy(90)), entry.occurredAt());
        assertEquals(List.of(new Contribution("webinar", ScoreKind.ENGAGEMENT, null, -20,
                "points from 2026-03-02 expired (expires: 90d)")), entry.contributions());
        assertEquals(List.of(-20, 20), List.of(entry.change(), entry.scoreAfter()));
        assertEquals(new RuleTally(ScoreKind.ENGAGEMENT, null, 20, 2, T0.plus(DAY)),
                swept.lead().breakdown().get("webinar"), "the rule's tally is lowered; its hits happened");
        assertEquals(T0.plus(DAY.multipliedBy(91)), swept.lead().nextDueAt(), "the second grant is next");
        assertEquals(List.of(T0.plus(DAY.multipliedBy(91))),
                swept.lead().expiring().stream().map(Expiring::at).toList());
    }

    @Test
    void aLeadThatFallsBelowReArmsAndQualifiesAgainOnItsNextCycle() {
        journey.then(event("webinar", 0));
        journey.then(event("webinar", 1)); // 40: qualified
        LeadDecay.Swept swept = sweeps.sweep(journey.lead(), T0.plus(DAY.multipliedBy(90))); // 20, below 25
        Lead fell = swept.lead();
        Scored requalified = new LeadScorer(MODEL).apply(fell, event("webinar", 95), T0.plus(DAY.multipliedBy(95)));

        assertEquals(List.of(QUALIFIED), journey.crossings().stream().map(Crossing::kind).toList());
        assertEquals(List.of(DISQUALIFIED), swept.crossings().stream().map(Crossing::kind).toList());
        assertEquals(new Qualification(false, 1, T0.plus(DAY.multipliedBy(90))), fell.qualifications().get("salesReady"));
        assertEquals(List.of(QUALIFIED), requalified.crossings().stream().map(Crossing::kind).toList());
        assertEquals(2, requalified.lead().qualifications().get("salesReady").cycles());
    }

    @Test
    void aCappedHitLeavesNothingToExpireAndAGroupCapsReducedPointsExpireAsReduced() {
        journey.then(event("page_view", 0));
        journey.then(activity("page_view", T0.plusSeconds(60), Map.of("url", "/again"))); // capped: 1 a day
        journey.then(event("form_submit", 0)); // 10
        journey.then(event("form_submit", 1)); // group cap 15: 5

        assertEquals(List.of(10, 5, 5), journey.lead().expiring().stream().map(Expiring::points).toList());
        LeadDecay.Swept swept = sweeps.sweep(journey.lead(), T0.plus(DAY.multipliedBy(31)));

        assertEquals(List.of(-15, -5), swept.entries().stream().map(LedgerEntry::change).toList());
        assertEquals(0, swept.lead().score());
        assertEquals(0, swept.lead().breakdown().get("demo").points());
        assertEquals(List.of(), swept.lead().expiring());
        assertNull(swept.lead().nextDueAt(), "nothing left to expire, no decay, no cold");
    }

    @Test
    void negativePointsExpireTooAndTheLeadIsSweptThoughItNeverEngaged() {
        journey.then(event("email_unsubscribe", 0));
        assertNull(journey.lead().lastScoreIncreaseAt());
        assertEquals(T0.plus(DAY.multipliedBy(364)), journey.lead().nextDueAt());

        LeadDecay.Swept swept = sweeps.sweep(journey.lead(), T0.plus(DAY.multipliedBy(400)));

        assertEquals(List.of(new Contribution("unsubscribed", ScoreKind.ENGAGEMENT, null, 25,
                "points from 2026-03-02 expired (expires: 364d)")), swept.entries().get(0).contributions());
        assertEquals(0, swept.lead().score());
    }

    @Test
    void aNegativeGrantExpiringCanTakeALeadToSalesReadyAnMqlLikeAnyOther() {
        journey.then(event("email_unsubscribe", 0));
        journey.then(event("webinar", 300));
        journey.then(event("webinar", 301)); // 15

        LeadDecay.Swept swept = sweeps.sweep(journey.lead(), T0.plus(DAY.multipliedBy(364)));

        assertEquals(40, swept.lead().score());
        assertEquals(List.of(QUALIFIED), swept.crossings().stream().map(Crossing::kind).toList());
        assertEquals(Stage.MQL, swept.lead().stage());
        assertEquals(Stage.MQL, swept.entries().get(0).stage().to(), "the expiry's entry records the move");
    }

    @Test
    void pastTheBoundTheSoonestGrantIsTakenBackEarlyInTheEventsEntry() {
        for (int hour = 0; hour < Lead.MAX_EXPIRING; hour++) {
            journey.then(activity("webinar", T0.plus(Duration.ofHours(hour)), Map.of()));
        }
        LedgerEntry past = journey.then(activity("webinar", T0.plus(Duration.ofHours(Lead.MAX_EXPIRING)), Map.of()));

        assertEquals(Lead.MAX_EXPIRING, journey.lead().expiring().size());
        assertEquals(T0.plus(Duration.ofHours(1)).plus(DAY.multipliedBy(90)), journey.lead().nextDueAt());
        assertEquals(List.of(new Contribution("webinar", ScoreKind.ENGAGEMENT, null, 20, null),
                new Contribution("webinar", ScoreKind.ENGAGEMENT, null, -20,
                        "points from 2026-03-02 expired early: a lead keeps at most 50 grants to expire")),
                past.contributions());
        assertEquals(0, past.change());
        assertEquals(20 * Lead.MAX_EXPIRING, journey.lead().score());
    }

    @Test
    void decaysOwnTallyStaysAsItIsAndTheScoreStaysTheSumOfTheTallies() {
        ScoringModel decaying = ModelLoader.parse("""
                model: expiring-decay
                eventTypes: { webinar: {} }
                thresholds: { salesReady: 100 }
                decay: { after: 30d, every: 30d, by: 5, floor: 0 }
                cold: none
                rules: [ { id: webinar, event: webinar, points: 20, expires: 90d } ]
                """, "test");
        Lead lead = new LeadScorer(decaying).apply(Lead.newLead(Activities.LEAD), event("webinar", 0), T0).lead();

        LeadDecay.Swept swept = new LeadDecay(decaying).sweep(lead, T0.plus(DAY.multipliedBy(90)));

        assertEquals(List.of("decay", "decay", "expiry"), swept.entries().stream().map(LedgerEntry::reason).toList());
        assertEquals(-20, swept.entries().get(2).change(), "the rule's points as earned");
        assertEquals(-10, swept.lead().breakdown().get("decay").points());
        assertEquals(0, swept.lead().breakdown().get("webinar").points());
        assertEquals(-10, swept.lead().score());
    }

    @Test
    void aMergedVisitorBringsItsPendingExpiriesAlong() {
        LeadScorer scorer = new LeadScorer(MODEL);
        Lead visitor = scorer.apply(Lead.newLead("anon:v1"), event("webinar", 0), T0).lead();
        Lead lead = scorer.apply(Lead.newLead(Activities.LEAD), event("webinar", 10), T0).lead();

        Lead merged = scorer.merge(lead, visitor, T0.plus(DAY.multipliedBy(20)), T0).lead();

        assertEquals(List.of(T0.plus(DAY.multipliedBy(90)), T0.plus(DAY.multipliedBy(100))),
                merged.expiring().stream().map(Expiring::at).toList());
        assertEquals(T0.plus(DAY.multipliedBy(90)), merged.nextDueAt());
        assertEquals(20, sweeps.sweep(merged, T0.plus(DAY.multipliedBy(95))).lead().score());
    }

    @Test
    void aResetOfEngagementLeavesNothingToExpire() {
        ScoringModel recycling = ModelLoader.parse("""
                model: expiring-recycled
                eventTypes: { webinar: {} }
                decay: none
                cold: none
                rules: [ { id: webinar, event: webinar, points: 20, expires: 90d } ]
                feedback: { recycled: reset-engagement }
                """, "test");
        Lead lead = new LeadScorer(recycling).apply(Lead.newLead(Activities.LEAD), event("webinar", 0), T0).lead();
        Lead recycled = new LeadScorer(recycling).feedback(lead.toBuilder().stage(Stage.MQL).build(),
                new Feedback(lead.id(), "f1", FeedbackType.RECYCLED, null, null, T0.plus(DAY)), T0.plus(DAY)).lead();

        assertEquals(List.of(), recycled.expiring());
        assertNull(recycled.nextDueAt());
    }

    private static Activity event(String type, int day) {
        return activity(type, T0.plus(DAY.multipliedBy(day)), Map.of());
    }
}
