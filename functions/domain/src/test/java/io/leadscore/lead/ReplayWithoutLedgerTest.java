package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.leadscore.lead.Activities.T0;
import static java.time.Duration.ofDays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A replay that keeps no ledger ({@link LeadScorer#replayWithoutLedger}, what a backtest and a re-score replay on)
 * builds no ledger entry, and leaves the same lead, with the same crossings, as the replay that keeps one; so does
 * {@link Rescorer#replay} beside {@link Rescorer#replayed}.
 */
class ReplayWithoutLedgerTest {
    private static final ScoringModel DEFAULT = ModelLoader.defaultModel();
    private static final ScoringModel EVERY_CONSTRUCT = ModelLoader.load("../../events/admin/every-construct-model.yaml");
    private static final Instant NOW = T0.plus(ofDays(30));

    @Property(tries = 200)
    void withoutALedgerTheDefaultModelLeavesTheSameLead(@ForAll("histories") List<Activity> history) {
        assertSameLead(DEFAULT, history);
    }

    @Property(tries = 200)
    void withoutALedgerEveryConstructLeavesTheSameLead(@ForAll("histories") List<Activity> history) {
        assertSameLead(EVERY_CONSTRUCT, history);
    }

    @Property(tries = 100)
    void theRescorersReplayEqualsItsReplayWithTheLedger(@ForAll("histories") List<Activity> history) {
        for (ScoringModel model : List.of(DEFAULT, EVERY_CONSTRUCT)) {
            Rescorer rescorer = new Rescorer(model);
            assertEquals(rescorer.replayed(Activities.LEAD, history, List.of(), NOW).lead(),
                    rescorer.replay(Activities.LEAD, history, List.of(), NOW));
        }
    }

    private static void assertSameLead(ScoringModel model, List<Activity> history) {
        LeadScorer scorer = new LeadScorer(model);
        LeadScorer.Replay kept = scorer.replay(Lead.newLead(Activities.LEAD));
        LeadScorer.Replay none = scorer.replayWithoutLedger(Lead.newLead(Activities.LEAD));
        List<Crossing> keptCrossings = new ArrayList<>();
        List<Crossing> noneCrossings = new ArrayList<>();
        for (Activity activity : history) {
            LeadScorer.Applied withLedger = kept.apply(activity, NOW);
            LeadScorer.Applied without = none.apply(activity, NOW);
            assertNotNull(withLedger.entry());
            assertNull(without.entry(), activity.eventId());
            keptCrossings.addAll(withLedger.crossings());
            noneCrossings.addAll(without.crossings());
            assertEquals(kept.dueBy(activity.occurredAt()), none.dueBy(activity.occurredAt()));
        }
        assertEquals(kept.lead(), none.lead());
        assertEquals(keptCrossings, noneCrossings);
    }

    @Provide
    Arbitrary<List<Activity>> histories() {
        return ReplayHistories.histories();
    }
}
