package io.leadscore.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The pattern rules' windows are walked with loops and each market's thresholds are made once with the model: both
 * answer exactly as the stream pipelines they replace (kept here as the reference) on random windows and times.
 */
class PatternWindowsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 2000)
    void aCountAnswersAsTheStreamDid(@ForAll("times") List<Instant> events, @ForAll("times") List<Instant> at,
                                     @ForAll("windows") Duration within) {
        EventPattern.Count count = new EventPattern.Count(3, within);
        for (Instant when : at) {
            Instant from = when.minus(within);
            long expected = events.stream().filter(e -> e.isAfter(from) && !e.isAfter(when)).count();
            assertEquals(expected, count.countAt(when, events));
            assertEquals(expected >= 3, count.holdsAt(when, events, List.of()));
        }
    }

    @Property(tries = 2000)
    void aSequenceAnswersAsTheStreamDid(@ForAll("times") List<Instant> antecedents, @ForAll("times") List<Instant> at,
                                        @ForAll("windows") Duration within) {
        EventPattern.Sequence sequence = new EventPattern.Sequence(List.of("form_submit"), Condition.ALWAYS, within);
        for (Instant when : at) {
            Instant from = when.minus(within);
            boolean expected = antecedents.stream().anyMatch(a -> !a.isBefore(from) && a.isBefore(when));
            assertEquals(expected, sequence.holdsAt(when, List.of(), antecedents));
        }
    }

    @Test
    void eachMarketsThresholdsAreMadeOnceAndAsTheMarketReplacesThem() {
        ScoringModel model = ModelLoader.load("../../events/admin/every-construct-model.yaml");
        assertEquals(2, model.markets().size());
        for (Market market : model.markets()) {
            assertEquals(model.thresholds().stream().map(market::replace).toList(), model.thresholds(market));
            assertSame(model.thresholds(market), model.thresholds(market));
        }
        assertEquals(80, model.thresholds(model.markets().get(0)).get(0).points());
        assertSame(model.thresholds(), model.thresholds(null));
    }

    @Provide
    Arbitrary<List<Instant>> times() {
        // Minutes over three days, repeats included: a window's edges are hit exactly.
        return Arbitraries.integers().between(0, 3 * 24 * 60).map(m -> T0.plus(Duration.ofMinutes(m)))
                .list().ofMaxSize(30).map(list -> list.stream().sorted().toList());
    }

    @Provide
    Arbitrary<Duration> windows() {
        return Arbitraries.integers().between(1, 48 * 60).map(Duration::ofMinutes);
    }
}
