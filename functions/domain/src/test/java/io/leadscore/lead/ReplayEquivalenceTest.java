package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@link LeadScorer.Replay} keeps one mutable state over a lead's events (sums, the account, the due time and the
 * MQL move carried from event to event); {@link LeadScorer#apply} starts from the immutable Lead every time. On any
 * history, out of order and with profile changes, caps, patterns, expiring points, markets and competitors, both give
 * the same lead, the same ledger entries and the same crossings.
 */
class ReplayEquivalenceTest {
    private static final ScoringModel DEFAULT = ModelLoader.defaultModel();
    private static final ScoringModel EVERY_CONSTRUCT = everyConstruct();

    @Property(tries = 200)
    void aReplayOfTheDefaultModelEqualsOneApplicationPerEvent(@ForAll("histories") List<Activity> history) {
        assertSameAnswers(DEFAULT, history);
    }

    @Property(tries = 200)
    void aReplayOfEveryConstructEqualsOneApplicationPerEvent(@ForAll("histories") List<Activity> history) {
        assertSameAnswers(EVERY_CONSTRUCT, history);
    }

    private static void assertSameAnswers(ScoringModel model, List<Activity> history) {
        LeadScorer scorer = new LeadScorer(model);
        Lead stepped = Lead.newLead(Activities.LEAD);
        List<LedgerEntry> steppedEntries = new ArrayList<>();
        List<Crossing> steppedCrossings = new ArrayList<>();
        LeadScorer.Replay replay = scorer.replay(Lead.newLead(Activities.LEAD));
        List<LedgerEntry> replayedEntries = new ArrayList<>();
        List<Crossing> replayedCrossings = new ArrayList<>();
        Instant now = T0.plus(ofMinutes(30 * 24 * 60));
        for (Activity activity : history) {
            Scored scored = scorer.apply(stepped, activity, now);
            stepped = scored.lead();
            steppedEntries.add(scored.entry());
            steppedCrossings.addAll(scored.crossings());
            LeadScorer.Applied applied = replay.apply(activity, now);
            replayedEntries.add(applied.entry());
            replayedCrossings.addAll(applied.crossings());
            assertEquals(scored.entry(), applied.entry(), activity.eventId());
            assertEquals(stepped.nextDueAt() != null && !stepped.nextDueAt().isAfter(activity.occurredAt()),
                    replay.dueBy(activity.occurredAt()), "due by " + activity.occurredAt());
        }
        assertEquals(stepped, replay.lead());
        assertEquals(steppedEntries, replayedEntries);
        assertEquals(steppedCrossings, replayedCrossings);
    }

    @Provide
    Arbitrary<List<Activity>> histories() {
        return ReplayHistories.histories();
    }

    private static ScoringModel everyConstruct() {
        return ModelLoader.load("../../events/admin/every-construct-model.yaml");
    }
}
