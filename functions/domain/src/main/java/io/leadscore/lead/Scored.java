package io.leadscore.lead;

import java.util.List;

/** A lead after one activity, the ledger entry that explains the step, and any thresholds it crossed. */
public record Scored(Lead lead, LedgerEntry entry, List<Crossing> crossings) {

    public Scored {
        crossings = List.copyOf(crossings);
    }
}
