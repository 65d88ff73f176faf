package io.leadscore.report;

import io.leadscore.lead.Lead;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountsTest {
    private static final CounterItem STAGES = CounterItem.of("stages");
    private static final CounterItem DAY = CounterItem.of("audit", LocalDate.parse("2026-12-01"));

    @Test
    void aChangeIsWhatMovesFieldsThatComeToZeroAreDropped() {
        Counts before = Counts.builder().add(STAGES, "mql", 1).add(DAY, "mqls", 1).build();
        Counts after = Counts.builder().add(STAGES, "sql", 1).add(DAY, "mqls", 1).add(DAY, "accepted", 1).build();

        Counts change = after.minus(before);

        assertEquals(Map.of(STAGES, Map.of("mql", -1L, "sql", 1L), DAY, Map.of("accepted", 1L)), change.items());
        assertEquals(after, before.plus(change));
        assertTrue(after.minus(after).isEmpty());
        assertEquals(0, change.get(DAY, "mqls"));
    }

    @Test
    void aLeadNeverStoredAndAMergedVisitorCountForNothing() {
        Lead visitor = Lead.newLead("v-1");
        assertEquals(Counts.NONE, LeadCounts.of(visitor));
        assertEquals(Counts.NONE, LeadCounts.of(visitor.withRevision(3).retiredInto("lead-1")));
    }

    @Test
    void aMemberIsBoundedForItBecomesPartOfAKey() {
        assertThrows(IllegalArgumentException.class, () -> new CounterItem("audit-reasons", null, "x".repeat(101)));
    }
}
