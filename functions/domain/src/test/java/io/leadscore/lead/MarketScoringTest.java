package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;
import io.leadscore.revision.Rescorer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A market's thresholds, multiplier and decay floor, as the scorer applies them to its leads. */
class MarketScoringTest {
    static final ScoringModel MODEL = ModelLoader.parse("""
            model: markets
            eventTypes: { page_view: {}, form_submit: {}, email_bounce: {}, identify: {} }
            profileFields: { country: string, jobTitle: string }
            thresholds: { salesReady: 100 }
            decay: { after: 30d, every: week, by: 10% }
            cold: none
            groups:
              platform: { thresholds: { salesReady: 60 } }
            rules:
              - { id: visit, event: page_view, points: 10 }
              - { id: demo, event: form_submit, points: 30, group: platform }
              - { id: bounce, event: email_bounce, points: -2 }
            fit:
              - { id: vp, when: { jobTitle: { contains: vp } }, points: 20 }
            feedback: { lost: -30 }
            markets:
              emea: { when: { country: { in: [DE, FR, GB] } }, thresholds: { salesReady: 80 }, multiplier: 1.25 }
            """, "test");
    private static final Duration DAY = Duration.ofDays(1);

    private final LeadJourney journey = new LeadJourney(MODEL);

    @Test
    void aMarketsMultiplierAppliesToBehaviourPointsRoundedHalfUpAndTheLedgerSaysSo() {
        journey.then(identify("DE", "VP Sales", T0));
        LedgerEntry visit = journey.then(activity("page_view", T0.plusSeconds(60), Map.of()));
        LedgerEntry bounce = journey.then(activity("email_bounce", T0.plusSeconds(120), Map.of()));

        assertEquals(List.of(new Contribution("visit", ScoreKind.ENGAGEMENT, null, 13, "x1.25 (market emea)")),
                visit.contributions(), "10 x 1.25 = 12.5, rounded half up");
        assertEquals(-3, bounce.change(), "-2 x 1.25 = -2.5: half a point away from 0");
        assertEquals(20, journey.lead().fit(), "fit is not multiplied");
        assertEquals(30, journey.lead().score());
    }

    @Test
    void aLeadInNoMarketEarnsTheRulesOwnPoints() {
        journey.then(identify("US", "VP Sales", T0));
        LedgerEntry visit = journey.then(activity("page_view", T0.plusSeconds(60), Map.of()));

        assertEquals(List.of(new Contribution("visit", ScoreKind.ENGAGEMENT, null, 10, null)), visit.contributions());
    }

    @Test
    void feedbackRulesAreNotMultiplied() {
        journey.then(identify("DE", null, T0));
        Scored lost = new LeadScorer(MODEL).feedback(journey.lead(), new Feedback("lead-1", "crm-1", FeedbackType.LOST,
                null, "sam", T0.plusSeconds(60)), T0.plusSeconds(60));

        assertEquals(-30, lost.entry().change());
    }

    @Test
    void aLeadIsHeldToItsMarketsThresholdAndTheQualificationNamesTheMarket() {
        journey.then(identify("DE", null, T0));
        visits(6, T0); // 6 x 13 = 78
        assertEquals(List.of(), journey.crossings());
        visits(1, T0.plusSeconds(3600)); // 91

        Crossing qualified = journey.crossings().get(0);
        assertEquals(List.of(Crossing.Kind.QUALIFIED), journey.crossings().stream().map(Crossing::kind).toList());
        assertEquals(new Threshold("salesReady", 80), qualified.threshold());
        assertEquals("emea", qualified.market());
        assertEquals(Stage.MQL, journey.lead().stage(), "the market's sales-ready is its MQL line");
    }

    @Test
    void aLeadInNoMarketIsHeldToTheModelsThresholdAndItsQualificationNamesNone() {
        journey.then(identify("US", null, T0));
        visits(9, T0); // 90
        assertEquals(List.of(), journey.crossings());
        visits(1, T0.plusSeconds(3600)); // 100

        Crossing qualified = journey.crossings().get(0);
        assertEquals(new Threshold("salesReady", 100), qualified.threshold());
        assertNull(qualified.market());
    }

    @Test
    void aLeadWhoseProfileMovesItToAnotherMarketIsWatchedAgainstItsThresholdsAtOnce() {
        journey.then(identify("US", null, T0));
        visits(9, T0); // 90, below the model's 100
        journey.then(identify("FR", null, T0.plusSeconds(3600)));

        Crossing qualified = journey.crossings().get(0);
        assertEquals(List.of(Crossing.Kind.QUALIFIED), journey.crossings().stream().map(Crossing::kind).toList());
        assertEquals("emea", qualified.market());
        assertEquals(90, qualified.score(), "points already earned are not multiplied again");

        journey.then(identify("US", null, T0.plusSeconds(7200)));
        Crossing disqualified = journey.crossings().get(1);
        assertEquals(Crossing.Kind.DISQUALIFIED, disqualified.kind(), "90 is below the model's re-arm line of 100");
        assertEquals(new Threshold("salesReady", 100), disqualified.threshold());
    }

    @Test
    void groupThresholdsStayTheGroups() {
        journey.then(identify("DE", null, T0));
        journey.then(activity("form_submit", T0.plusSeconds(60), Map.of())); // 38 in platform
        journey.then(activity("form_submit", T0.plusSeconds(120), Map.of())); // 76

        assertEquals(List.of(new Threshold("salesReady", 60)), journey.crossings().stream()
                .filter(c -> "platform".equals(c.group())).map(Crossing::threshold).toList());
    }

    @Test
    void theDecayFloorIsHalfOfTheMarketsSalesReady() {
        journey.then(identify("DE", null, T0));
        visits(12, T0); // 156
        LeadDecay.Swept swept = new LeadDecay(MODEL).sweep(journey.lead(), T0.plus(DAY.multipliedBy(400)));
        Lead emea = swept.lead();

        LeadJourney elsewhere = new LeadJourney(MODEL);
        elsewhere.then(identify("US", null, T0));
        for (int i = 0; i < 12; i++) {
            elsewhere.then(activity("page_view", T0.plusSeconds(i + 1), Map.of("n", i)));
        }
        Lead us = new LeadDecay(MODEL).sweep(elsewhere.lead(), T0.plus(DAY.multipliedBy(400))).lead();

        assertEquals(-16, swept.entries().get(0).change(), "10% of 156, not multiplied");
        assertEquals(40, emea.score(), "half of emea's 80");
        assertEquals(50, us.score(), "half of the model's 100");
    }

    @Test
    void visitsArrivingOutOfOrderAfterTheProfileScoreAsTheReplayFromScratchDoes() {
        List<Activity> arrival = new ArrayList<>(List.of(identify("DE", null, T0)));
        for (int i = 7; i >= 1; i--) { // the newest first: each later arrival is a late event
            arrival.add(activity("page_view", T0.plusSeconds(60L * i), Map.of("n", i)));
        }
        LeadJourney live = LeadJourney.through(MODEL, arrival);
        Lead replayed = new Rescorer(MODEL).replay(Activities.LEAD, arrival, List.of(), T0.plusSeconds(3600));

        assertEquals(91, live.lead().score());
        assertEquals(live.lead().breakdown(), replayed.breakdown());
        assertEquals(List.of(true, true), List.of(live.lead().qualifications().get("salesReady").qualified(),
                replayed.qualifications().get("salesReady").qualified()), "on emea's 80, whenever the line was crossed");
        assertEquals(Stage.MQL, replayed.stage());
    }

    @Test
    void aProfileArrivingAfterLaterVisitsCountsForThemOnlyInTheReplayWhichGoesInTimeOrder() {
        List<Activity> arrival = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            arrival.add(activity("page_view", T0.plusSeconds(60L * i), Map.of("n", i)));
        }
        arrival.add(identify("DE", null, T0)); // happened first, arrives last

        assertEquals(70, LeadJourney.through(MODEL, arrival).lead().score(), "scored before the market was known");
        assertEquals(91, new Rescorer(MODEL).replay(Activities.LEAD, arrival, List.of(), T0.plusSeconds(3600)).score());
    }

    private void visits(int count, Instant from) {
        for (int i = 0; i < count; i++) {
            journey.then(activity("page_view", from.plusSeconds(i + 1), Map.of("n", i)));
        }
    }

    private static Activity identify(String country, String jobTitle, Instant at) {
        return activity("identify", at, jobTitle == null ? Map.of("country", country)
                : Map.of("country", country, "jobTitle", jobTitle));
    }
}
