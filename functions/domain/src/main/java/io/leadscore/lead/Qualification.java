package io.leadscore.lead;

import java.time.Instant;

/**
 * Where a lead stands against one threshold: qualified, or armed to qualify; how many times it has
 * qualified (the cycle that makes each qualification's id unique); and since when.
 */
public record Qualification(boolean qualified, int cycles, Instant since) {

    public static final Qualification ARMED = new Qualification(false, 0, null);
}
