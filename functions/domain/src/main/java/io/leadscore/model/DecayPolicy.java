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
    private static final int EXACT_SCALE = 7;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

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
        int wanted = points != null ? points : Math.max(1, percentOf(score));
        return Math.min(wanted, room);
    }

    /**
     * Whether one period takes anything from such a scope: {@code step(score, engagement, floor) > 0}, answered without
     * working out the step (at least one point of a percentage), since a replay asks it of every scope after every
     * event to know when decay is next due.
     */
    public boolean takes(int score, int engagement, int floor) {
        return Math.min(score - floor, engagement) > 0 && (points == null || points > 0);
    }

    /**
     * {@code percent} of {@code score} rounded half up (away from zero), in long arithmetic: the sweep asks it for
     * every scope of every due lead, and BigDecimal's product and quotient were most of the bytes a backtest
     * allocated. A model's percentage (up to 100) with at most {@link #EXACT_SCALE} decimals has |unscaled| < 2^32, so
     * {@code unscaled * score} fits a long; any other takes BigDecimal's path, which gives the same answer.
     */
    int percentOf(int score) {
        int scale = percent.scale();
        long unscaled = percent.precision() <= 18 ? percent.unscaledValue().longValue() : Long.MAX_VALUE;
        if (scale < 0 || scale > EXACT_SCALE || Math.abs(unscaled) >= 1L << 32) {
            return percent.multiply(BigDecimal.valueOf(score)).divide(BigDecimal.valueOf(100), 0,
                    RoundingMode.HALF_UP).intValue();
        }
        long numerator = unscaled * score;
        long denominator = 100 * POWERS_OF_TEN[scale];
        long quotient = numerator / denominator;
        long remainder = Math.abs(numerator % denominator);
        return (int) (remainder * 2 >= denominator ? quotient + Long.signum(numerator) : quotient);
    }
}
