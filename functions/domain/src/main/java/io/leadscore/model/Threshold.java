package io.leadscore.model;

/** A named score level, e.g. sales-ready (MQL) at 100. */
public record Threshold(String name, int points) {
}
