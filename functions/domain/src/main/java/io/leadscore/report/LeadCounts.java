package io.leadscore.report;

import io.leadscore.lead.Lead;

import java.util.List;

/** What a lead counts for in every report: nothing for a lead not stored yet or a visitor merged into another. */
public final class LeadCounts {
    private static final List<LeadFacts> FACTS = List.of(new FunnelFacts(), new NpsFacts(),
            new CalibrationFacts());

    private LeadCounts() {
    }

    public static Counts of(Lead lead) {
        if (lead == null || lead.revision() == 0 || lead.mergedInto() != null) {
            return Counts.NONE;
        }
        Counts.Builder counts = Counts.builder();
        FACTS.forEach(facts -> facts.count(lead, counts));
        return counts.build();
    }

    /** What writing {@code after} over {@code before} changes in the counters. */
    public static Counts change(Lead before, Lead after) {
        return of(after).minus(of(before));
    }
}
