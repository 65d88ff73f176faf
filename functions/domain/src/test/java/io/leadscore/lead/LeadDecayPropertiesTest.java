package io.leadscore.lead;

import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decay's promises over random policies, thresholds, scores and sweep times. */
class LeadDecayPropertiesTest {

    /** A model with one uncapped +points rule and the given decay policy. */
    record Setup(ScoringModel model, int threshold, int floor) {
    }

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<String> by = Arbitraries.oneOf(Arbitraries.integers().between(1, 60).map(p -> p + "%"),
                Arbitraries.integers().between(1, 40).map(String::valueOf));
        Arbitrary<Integer> floorPercent = Arbitraries.integers().between(0, 100);
        return Combinators.combine(Arbitraries.integers().between(10, 300), Arbitraries.integers().between(1, 60),
                Arbitraries.integers().between(1, 14), by, floorPercent).as((threshold, after, every, step, floor) ->
                new Setup(ModelLoader.parse("""
                        model: random
                        version: 1
                        eventTypes: { page_view: {} }
                        thresholds: { salesReady: %d }
                        decay: { after: %dd, every: %dd, by: %s, floor: %d%% }
                        rules: [ { id: visit, event: page_view, points: 7 } ]
                        """.formatted(threshold, after, every, step.endsWith("%") ? "'" + step + "'" : step, floor),
                        "random"), threshold, threshold * floor / 100));
    }

    @Property(tries = 300)
    void decayNeverRaisesAScoreNorTakesItBelowItsFloor(@ForAll("setups") Setup setup,
                                                       @ForAll @IntRange(min = 1, max = 60) int visits,
                                                       @ForAll @IntRange(min = 0, max = 800) int days) {
        Lead lead = engaged(setup.model(), visits);
        LeadDecay.Swept swept = new LeadDecay(setup.model()).sweep(lead, T0.plus(Duration.ofDays(days)));

        int score = lead.score();
        for (LedgerEntry entry : swept.entries()) {
            assertTrue(entry.change() <= 0, "never raises");
            score += entry.change();
            assertEquals(score, entry.scoreAfter());
            if (entry.reason().equals(LedgerEntry.DECAY)) {
                assertTrue(entry.change() < 0, "a decay step takes something");
                assertTrue(score >= setup.floor(), score + " is below the floor " + setup.floor());
                assertTrue(score >= 0, "never negative");
            }
        }
        if (lead.score() <= setup.floor()) {
            assertEquals(lead.score(), swept.lead().score(), "a score at or below the floor is not decayed");
        }
    }

    @Property(tries = 300)
    void aPeriodDecaysOnceHoweverOftenOrLateItIsSwept(@ForAll("setups") Setup setup,
                                                      @ForAll @IntRange(min = 1, max = 60) int visits,
                                                      @ForAll @IntRange(min = 0, max = 400) int firstDay,
                                                      @ForAll @IntRange(min = 0, max = 400) int moreDays) {
        LeadDecay decay = new LeadDecay(setup.model());
        Lead lead = engaged(setup.model(), visits);
        Instant first = T0.plus(Duration.ofDays(firstDay));
        Instant last = first.plus(Duration.ofDays(moreDays));

        LeadDecay.Swept once = decay.sweep(lead, last);
        LeadDecay.Swept twice = decay.sweep(decay.sweep(lead, first).lead(), last);

        assertEquals(once.lead(), twice.lead());
        assertFalse(decay.sweep(once.lead(), last).changed(), "sweeping the same period again changes nothing");
    }

    private static Lead engaged(ScoringModel model, int visits) {
        LeadJourney journey = new LeadJourney(model);
        for (int i = 0; i < visits; i++) {
            journey.then(activity("page_view", T0, Map.of("n", i)));
        }
        return journey.lead();
    }
}
