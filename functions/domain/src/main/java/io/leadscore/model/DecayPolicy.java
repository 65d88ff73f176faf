package io.leadscore.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How a score fades when a lead stops engaging: after {@code after} without a score increase, every
 * {@code every} it loses {@code percent} of the score (or a fixed number of {@code points}), never below the
 * floor. Only engagement fades; fit is who the lead is, and stays.
 */
public record DecayPolicy(Duration after, Duration every, BigDecimal percent, Integer points, Floor floor) {

    /** The lowest score decay may leave: a share of the scope's sales-ready threshold, or fixed points. */
    public record Floor(Integer percentOfSalesReady, Integer points) {
        public static final Floor DEFAULT = new Floor(50, null);

        public int of(int salesReadyPoints) {
            return points != null ? points : salesReadyPoints * percentOfSalesReady / 100;
        }
    }

    /**
     * How many points one period takes from a scope with this score and engagement: at least one point while
     * above the floor, never below the floor, never more than the engagement there is to lose.
     */
    public int step(int score, int engagement, int floor) {
        int room = Math.min(score - floor, engagement);
        if (room <= 0) {
            return 0;
        }
        int wanted = points != null ? points
                : percent.multiply(BigDecimal.valueOf(score)).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
                .max(BigDecimal.ONE).intValue();
        return Math.min(wanted, room);
    }
}
