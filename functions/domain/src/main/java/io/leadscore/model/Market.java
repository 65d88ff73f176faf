package io.leadscore.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * A region or market whose leads engage differently ({@code markets:} in the model): the leads whose profile passes
 * {@code when} are held to its own {@code thresholds} (each replacing the model's of the same name) and earn their
 * behaviour points times {@code multiplier}. A lead belongs to the first market, in declaration order, it passes.
 */
public record Market(String id, Condition when, List<Threshold> thresholds, BigDecimal multiplier) {
    /** Markets are regions, a handful in practice; every lead's profile is tested against each on every change. */
    public static final int MAX_MARKETS = 20;
    public static final BigDecimal MIN_MULTIPLIER = new BigDecimal("0.1");
    public static final BigDecimal MAX_MULTIPLIER = BigDecimal.TEN;

    public Market {
        thresholds = List.copyOf(thresholds);
    }

    public boolean includes(Map<String, Object> profile) {
        return when.test(profile::get);
    }

    /** Whether behaviour points differ here from the model's. */
    public boolean multiplies() {
        return multiplier.compareTo(BigDecimal.ONE) != 0;
    }

    /** A behaviour rule's points in this market: times the multiplier, rounded half up (half a point away from 0). */
    public int points(int points) {
        return multiplier.multiply(BigDecimal.valueOf(points)).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** What a ledger line says of the multiplier, e.g. {@code x1.25 (market emea)}. */
    public String describeMultiplier() {
        return "x" + multiplier.stripTrailingZeros().toPlainString() + " (market " + id + ")";
    }

    /** The model's {@code threshold}, or this market's of the same name. */
    Threshold replace(Threshold threshold) {
        return thresholds.stream().filter(t -> t.name().equals(threshold.name())).findFirst().orElse(threshold);
    }
}
