package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.revision.Rescorer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.formSubmit;
import static io.leadscore.lead.Activities.pageView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The promises of count and sequence rules over random histories and random (bounded) disorder. */
class EventPatternPropertiesTest {
    private static final Instant NOW = T0.plus(Duration.ofDays(800));

    /** Pricing views and case-study downloads, hours to weeks apart, and the order the stream delivers them in. */
    record Arrival(List<Activity> history, List<Activity> arrival) {
    }

    @Provide
    Arbitrary<Arrival> arrivals() {
        Arbitrary<List<Integer>> gaps = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 48)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(48, 24 * 20)))
                .list().ofMinSize(1).ofMaxSize(40);
        Arbitrary<List<Boolean>> downloads = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(1, true), net.jqwik.api.Tuple.of(3, false)).list().ofSize(40);
        return Combinators.combine(gaps, downloads, Arbitraries.longs()).as((hours, download, seed) -> {
            List<Activity> history = new ArrayList<>();
            Instant at = T0;
            for (int i = 0; i < hours.size(); i++) {
                at = at.plus(Duration.ofHours(hours.get(i))).plusSeconds(i);
                history.add(download.get(i) ? formSubmit("case-study-" + i, at) : pageView("/pricing", at));
            }
            // Each event delayed by up to 6 days: late behind newer ones, never a whole window (7d) behind the newest.
            Random random = new Random(seed);
            List<Instant> delivered = history.stream()
                    .map(a -> a.occurredAt().plusSeconds((long) (random.nextDouble() * 6 * 86_400))).toList();
            List<Activity> arrival = new ArrayList<>(history);
            arrival.sort(Comparator.comparing(a -> delivered.get(history.indexOf(a))));
            return new Arrival(history, arrival);
        });
    }

    @Property(tries = 300)
    void eventsInAnyOrderWithinTheWindowEndWithTheScoreOfTheReplayInTimeOrder(@ForAll("arrivals") Arrival arrival) {
        Lead live = Lead.newLead(Activities.LEAD);
        for (Activity activity : arrival.arrival()) {
            live = new LeadScorer(EventPatternRulesTest.MODEL).apply(live, activity, NOW).lead();
        }
        Lead replayed = new Rescorer(EventPatternRulesTest.MODEL).replay(Activities.LEAD, arrival.history(), List.of(),
                NOW);

        assertEquals(EventPatternRulesTest.points(replayed), EventPatternRulesTest.points(live));
    }

    @Property(tries = 300)
    void aPatternRuleNeverFiresMoreOftenThanItsCap(@ForAll("arrivals") Arrival arrival) {
        // In time order each firing is dated by the event it fires at: no 30 days hold two binges, no 14 days two
        // sequence firings (its default cap: once per its window).
        List<Instant> binges = new ArrayList<>();
        List<Instant> sequences = new ArrayList<>();
        Lead lead = Lead.newLead(Activities.LEAD);
        for (Activity activity : arrival.history()) {
            Scored scored = new LeadScorer(EventPatternRulesTest.MODEL).apply(lead, activity, NOW);
            for (Contribution c : scored.entry().contributions()) {
                if (c.points() > 0) {
                    (c.rule().equals("pricing-binge") ? binges : sequences).add(activity.occurredAt());
                }
            }
            lead = scored.lead();
        }
        assertSpacedAtLeast(binges, Duration.ofDays(30));
        assertSpacedAtLeast(sequences, Duration.ofDays(14));
    }

    private static void assertSpacedAtLeast(List<Instant> firings, Duration window) {
        for (int i = 1; i < firings.size(); i++) {
            assertTrue(Duration.between(firings.get(i - 1), firings.get(i)).compareTo(window) >= 0,
                    firings + " fire more than once in " + window);
        }
    }
}
