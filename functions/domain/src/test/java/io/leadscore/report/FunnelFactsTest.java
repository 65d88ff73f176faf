package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static io.leadscore.report.Funnel.lead;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FunnelFactsTest {
    private static CounterItem audit(String day) {
        return CounterItem.of(FunnelFacts.AUDIT, LocalDate.parse(day));
    }

    @Test
    void anEpisodeCountsOnItsMqlDayWithTheRulesThatFired() {
        Lead lead = lead("a", "2026-10-01T00:00:00Z").rules("pricing-page", 2, "never", 0, "feedback:accepted", 1)
                .to(Stage.MQL, "2026-11-02T23:30:00Z").to(Stage.SQL, "2026-11-04T01:29:00Z").build();

        Counts counts = counted(lead);

        assertEquals(Counts.builder().add(CounterItem.of(FunnelFacts.STAGES), "sql", 1)
                .add(audit("2026-11-02"), "mqls", 1).add(audit("2026-11-02"), "accepted", 1)
                .add(audit("2026-11-02"), "hoursToAcceptance:25", 1)
                .add(audit("2026-11-02"), "rule:pricing-page:accepted", 1)
                .add(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-10-01")), "lead", 1)
                .add(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-10-01")), "lead>mql", 1)
                .add(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-11-01")), "mql", 1)
                .add(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-11-01")), "mql>sql", 1)
                .add(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-11-01")), "sql", 1).build(), counts);
    }

    @Test
    void aRejectionCountsItsNormalisedReason() {
        Lead lead = lead("b", "2026-11-01T00:00:00Z").to(Stage.MQL, "2026-11-02T00:00:00Z")
                .to(Stage.REJECTED, "2026-11-03T00:00:00Z", "  Not \n a   FIT ").build();

        Counts counts = counted(lead);

        assertEquals(1, counts.get(audit("2026-11-02"), "rejected"));
        assertEquals(1, counts.get(new CounterItem(FunnelFacts.AUDIT_REASONS, LocalDate.parse("2026-11-02"),
                "not a fit"), "rejected"));
    }

    @Test
    void onlyTheLastFiveEpisodesCountSoALeadStaysAFewItemsOfATransaction() {
        Funnel funnel = lead("loop", "2026-11-01T00:00:00Z");
        for (int day = 1; day <= 7; day++) {
            funnel.to(Stage.MQL, "2026-11-0" + day + "T00:00:00Z").to(Stage.REJECTED, "2026-11-0" + day + "T01:00:00Z",
                    "again").to(Stage.RECYCLED, "2026-11-0" + day + "T02:00:00Z");
        }

        Counts counts = counted(funnel.build());

        assertEquals(0, counts.get(audit("2026-11-01"), "mqls"));
        assertEquals(0, counts.get(audit("2026-11-02"), "mqls"));
        for (int day = 3; day <= 7; day++) {
            assertEquals(1, counts.get(audit("2026-11-0" + day), "mqls"));
        }
        // stages, 5 audit days, 5 reasons (one per day), one month of the last 10 changes
        assertEquals(12, counts.items().size());
        // the first change counted (of 21) is the 12th, a rejection, so the lead's entry is not
        assertEquals(10, counts.get(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-11-01")),
                "rejected") + counts.get(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-11-01")),
                "recycled") + counts.get(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-11-01")),
                "mql"));
        assertEquals(0, counts.get(CounterItem.of(FunnelFacts.CONVERSIONS, LocalDate.parse("2026-11-01")), "lead"));
    }

    @Test
    void decayIsNoRuleThatFired() {
        Lead lead = lead("d", "2026-10-01T00:00:00Z").rules("pricing-page", 1)
                .to(Stage.MQL, "2026-11-02T00:00:00Z").to(Stage.SQL, "2026-11-03T00:00:00Z").build();
        Map<String, RuleTally> breakdown = new HashMap<>(lead.breakdown());
        breakdown.put("decay", new RuleTally(ScoreKind.DECAY, null, -10, 2, null));

        Counts counts = counted(lead.toBuilder().breakdown(breakdown).build());

        assertEquals(1, counts.get(audit("2026-11-02"), "rule:pricing-page:accepted"));
        assertEquals(0, counts.get(audit("2026-11-02"), "rule:decay:accepted"));
    }

    @Test
    void hoursToAcceptanceAreCappedAt90Days() {
        Lead lead = lead("late", "2026-01-01T00:00:00Z").to(Stage.MQL, "2026-01-02T00:00:00Z")
                .to(Stage.SQL, "2026-11-02T00:00:00Z").build();

        assertEquals(1, counted(lead).get(audit("2026-01-02"), "hoursToAcceptance:2160"));
    }

    @Test
    void aMergedVisitorCountsForNothing() {
        Lead visitor = lead("v", "2026-11-01T00:00:00Z").to(Stage.MQL, "2026-11-02T00:00:00Z").build()
                .retiredInto("lead");

        assertEquals(Counts.NONE, LeadCounts.of(visitor));
    }

    /** What the lead counts for in this report alone (the other reports' facts are tested apart). */
    private static Counts counted(Lead lead) {
        Counts.Builder counts = Counts.builder();
        new FunnelFacts().count(lead, counts);
        return counts.build();
    }
}
