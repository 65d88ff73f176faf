package io.leadscore.lead;

/**
 * One rule's effect in one ledger entry. {@code note} says why the points differ from the rule's, when they
 * do (a frequency cap, a group cap), so that zero-point lines explain themselves.
 */
public record Contribution(String rule, ScoreKind kind, String group, int points, String note) {
}
