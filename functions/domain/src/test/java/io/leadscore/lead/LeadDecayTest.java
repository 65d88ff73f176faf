package io.leadscore.lead;

import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadDecayTest {
    static final ScoringModel MODEL = ModelLoader.parse("""
            model: decay
            version: 1
            eventTypes: { page_view: {}, form_submit: {}, identify: {} }
            profileFields: { jobTitle: string }
            thresholds: { salesReady: 100 }
            decay: { after: 30d, every: week, by: 10%, floor: 50% }
            cold: { after: 45d }
            groups:
              platform: { thresholds: { salesReady: 60 }, decay: { after: 14d, every: day, by: 5 } }
              docs: { decay: none }
            rules:
              - { id: visit, event: page_view, points: 10 }
              - { id: demo, event: form_submit, points: 30, group: platform }
            fit:
              - { id: vp, when: { jobTitle: { contains: vp } }, points: 20 }
            """, "test");
    private static final Duration DAY = Duration.ofDays(1);

    private final LeadJourney journey = new LeadJourney(MODEL);
    private final LeadDecay decay = new LeadDecay(MODEL);

    @Test
    void nothingFadesDuringTheGracePeriod() {
        visits(12);
        Lead lead = journey.lead();
        assertEquals(T0.plus(DAY.multipliedBy(30)), lead.nextDueAt());
        assertFalse(decay.sweep(lead, T0.plus(DAY.multipliedBy(29))).changed());
    }

    @Test
    void fadesByTheShareOfTheScoreEachPeriodAfterTheGrace() {
        visits(12); // 120
        LeadDecay.Swept swept = decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(44)));

        // day 30: -12 (108), day 37: -11 (97), day 44: -10 (87)
        assertEquals(List.of(-12, -11, -10), swept.entries().stream().map(LedgerEntry::change).toList());
        assertEquals(87, swept.lead().score());
        assertEquals("decay", swept.entries().get(0).reason());
        assertEquals(T0.plus(DAY.multipliedBy(30)), swept.entries().get(0).occurredAt(), "dated when it was due");
        assertEquals(T0.plus(DAY.multipliedBy(45)), swept.lead().nextDueAt(), "going cold comes before day 51");
        assertEquals(-33, swept.lead().breakdown().get("decay").points(), "the breakdown explains the loss");
    }

    @Test
    void neverTakesAScoreBelowItsFloorAndStopsThere() {
        visits(12);
        Lead floored = decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(400))).lead();

        assertEquals(50, floored.score(), "half of sales-ready");
        assertTrue(floored.isCold());
        assertNull(floored.nextDueAt(), "nothing left to do until it engages again");
    }

    @Test
    void fitNeverFades() {
        journey.then(activity("identify", T0, Map.of("jobTitle", "VP Sales")));
        visits(1); // 20 fit + 10 engagement
        Lead lead = decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(400))).lead();
        assertEquals(20, lead.fit());
        assertEquals(30, lead.score(), "already below the floor of 50: not decayed at all");
    }

    @Test
    void aGroupFadesOnItsOwnTermsBesideTheTotal() {
        journey.then(activity("form_submit", T0, Map.of("formId", "demo")));
        journey.then(activity("form_submit", T0.plusSeconds(60), Map.of("formId", "demo"))); // platform 60, total 60
        LeadDecay.Swept swept = decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(20)));

        // platform: 5 points a day from day 14 (7 steps: 14..20) -> 25, floor 30 reached? 60-35=25 < 30: stops at 30
        assertEquals(30, swept.lead().groups().get("platform"));
        assertEquals(60, swept.lead().score(), "a group's decay leaves the total alone");
    }

    @Test
    void sweepingTwiceOrLateTakesTheSameSteps() {
        visits(12);
        Instant day60 = T0.plus(DAY.multipliedBy(60));
        LeadDecay.Swept once = decay.sweep(journey.lead(), day60);
        LeadDecay.Swept inTwoGoes = decay.sweep(decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(40))).lead(),
                day60);

        assertEquals(once.lead(), inTwoGoes.lead());
        assertFalse(decay.sweep(once.lead(), day60).changed(), "a second sweep for the same period does nothing");
    }

    @Test
    void goesColdOnceAndEngagingEndsIt() {
        visits(3);
        LeadDecay.Swept swept = decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(50)));
        Lead cold = swept.lead();

        assertTrue(cold.isCold());
        assertEquals(T0.plus(DAY.multipliedBy(45)), cold.coldSince());
        List<Crossing> announced = swept.crossings();
        assertEquals(List.of(Crossing.Kind.WENT_COLD), announced.stream().map(Crossing::kind).toList());
        assertEquals("LeadWentCold", announced.get(0).kind().detailType());
        assertEquals(List.of(), decay.sweep(cold, T0.plus(DAY.multipliedBy(90))).crossings(), "once per cold spell");

        Scored engaged = new LeadScorer(MODEL).apply(cold, activity("page_view", T0.plus(DAY.multipliedBy(91)),
                Map.of()), T0.plus(DAY.multipliedBy(91)));
        assertFalse(engaged.lead().isCold());
    }

    @Test
    void aLeadThatNeverEngagedNeitherFadesNorGoesCold() {
        journey.then(activity("identify", T0, Map.of("jobTitle", "VP Sales")));
        assertNull(journey.lead().nextDueAt());
        assertFalse(decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(400))).changed());
    }

    @Test
    void fallingBelowTheThresholdReArmsItWithADisqualification() {
        visits(11); // 110: qualified
        LeadDecay.Swept swept = decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(30)));

        assertEquals(99, swept.lead().score());
        assertEquals(List.of(Crossing.Kind.DISQUALIFIED), swept.crossings().stream().map(Crossing::kind).toList());
        assertFalse(swept.lead().qualifications().get("salesReady").qualified());
    }

    @Test
    void aLeadThatFadedBelowTheLineQualifiesAgainWhenItComesBack() {
        visits(11);
        Lead faded = decay.sweep(journey.lead(), T0.plus(DAY.multipliedBy(30))).lead(); // 99: disqualified

        Scored back = new LeadScorer(MODEL).apply(faded, activity("page_view", T0.plus(DAY.multipliedBy(31)),
                Map.of("n", "back")), T0.plus(DAY.multipliedBy(31)));

        assertEquals(List.of("lead-1/salesReady/2"), back.crossings().stream().map(Crossing::qualificationId).toList(),
                "a second qualification cycle, announced again");
    }

    private void visits(int count) {
        for (int i = 0; i < count; i++) {
            journey.then(activity("page_view", T0, Map.of("n", i)));
        }
    }
}
