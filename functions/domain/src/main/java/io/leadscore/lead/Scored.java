package io.leadscore.lead;

/** A lead after one activity, and the ledger entry that explains the step. */
public record Scored(Lead lead, LedgerEntry entry) {
}
