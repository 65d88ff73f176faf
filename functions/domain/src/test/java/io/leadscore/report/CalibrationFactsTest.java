package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What one lead counts for in the calibration: itself and its interactions when it FIRST got to MQL, and to won. */
class CalibrationFactsTest {
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    static final CounterItem MQL = new CounterItem("calibration", null, "mql");
    static final CounterItem WON = new CounterItem("calibration", null, "won");

    /** A stored lead with these interactions, moved to {@code to} by the scoring or a rep. */
    static Lead moved(Lead lead, Stage to, Map<String, Integer> journey, int minutes) {
        return lead.toBuilder().revision(lead.revision() + 1).journey(journey).build()
                .movedTo(new StageChange(lead.stage(), to, T0.plusSeconds(60L * minutes), "sam", null,
                        to == Stage.MQL ? null : "f-" + minutes));
    }

    @Test
    void aLeadThatBecameAnMqlCountsItselfAndItsInteractionsThenInTheMqlItem() {
        Lead mql = moved(Lead.newLead("a"), Stage.MQL, Map.of("awareness", 4, "decision", 2), 1);
        Lead later = mql.toBuilder().journey(Map.of("awareness", 9, "decision", 7)).build();

        Counts counts = counted(later);

        assertEquals(Map.of(MQL, Map.of("leads", 1L, "awareness", 4L, "decision", 2L)), counts.items());
    }

    @Test
    void aWonLeadCountsInBothItemsAndASecondMqlAfterARecycleChangesNothing() {
        Lead lead = moved(Lead.newLead("a"), Stage.MQL, Map.of("awareness", 4), 1);
        lead = moved(lead, Stage.RECYCLED, Map.of("awareness", 5), 2);
        lead = moved(lead, Stage.MQL, Map.of("awareness", 8), 3);
        lead = moved(lead, Stage.SQL, Map.of("awareness", 8, "decision", 1), 4);
        lead = moved(lead, Stage.WON, Map.of("awareness", 9, "decision", 3), 5);

        Counts counts = counted(lead);

        assertEquals(Map.of("leads", 1L, "awareness", 4L), counts.items().get(MQL));
        assertEquals(Map.of("leads", 1L, "awareness", 9L, "decision", 3L), counts.items().get(WON));
        assertEquals(2, counts.items().size(), "two items per lead at most: the transaction limit stays far");
    }

    @Test
    void aMoveStoredBeforeLeadsCountedInteractionsCountsForNothingUntilARescoreCountsIt() {
        Lead before = moved(Lead.newLead("a"), Stage.MQL, Map.of(), 1);
        Lead uncounted = before.toBuilder().stageHistory(java.util.List.of(
                before.stageHistory().get(0).withJourney(null))).build();
        Lead recounted = before.toBuilder().stageHistory(java.util.List.of(
                before.stageHistory().get(0).withJourney(Map.of("decision", 3)))).build();

        assertEquals(Counts.NONE, counted(uncounted));
        assertEquals(Map.of(MQL, Map.of("leads", 1L)), counted(before).items(),
                "counted, with no tagged interaction: it still lowers the averages");
        assertEquals(Map.of(MQL, Map.of("leads", 1L, "decision", 3L)),
                counted(recounted).minus(counted(uncounted)).items());
    }

    /** What the lead counts for in this report alone (the other reports' facts are tested apart). */
    private static Counts counted(Lead lead) {
        Counts.Builder counts = Counts.builder();
        new CalibrationFacts().count(lead, counts);
        return counts.build();
    }
}
