package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link DecayPolicy#percentOf} in long arithmetic answers as BigDecimal's product and half-up quotient did, over the
 * whole range of scores and percentages of up to 10 decimals (past {@code EXACT_SCALE} it takes BigDecimal's path),
 * with the halves (where rounding decides) drawn on purpose.
 */
class DecayStepArithmeticTest {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Test
    void percentOfAnyScoreEqualsTheBigDecimalQuotient() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 2_000_000; i++) {
            BigDecimal percent = randomPercent(random);
            int score = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(); // the whole int range, negative scores included
                case 1 -> random.nextInt(-1_000, 1_000);
                case 2 -> random.nextBoolean() ? Integer.MAX_VALUE - random.nextInt(3)
                        : Integer.MIN_VALUE + random.nextInt(3);
                default -> 50 * random.nextInt(-40, 40); // with 1%, 3%, ... a half exactly
            };
            DecayPolicy policy = policy(percent);
            assertEquals(reference(percent, score), policy.percentOf(score), () -> percent + "% of " + score);
        }
    }

    @Test
    void exactHalvesRoundAwayFromZero() {
        assertEquals(1, policy(new BigDecimal("1")).percentOf(50));
        assertEquals(-1, policy(new BigDecimal("1")).percentOf(-50));
        assertEquals(0, policy(new BigDecimal("1")).percentOf(49));
        assertEquals(13, policy(new BigDecimal("12.5")).percentOf(100)); // 12.5 rounds up
        assertEquals(2, policy(new BigDecimal("0.0000001")).percentOf(1_500_000_000)); // 1.5 at the 7th decimal
    }

    @Test
    void stepEqualsTheBigDecimalStep() {
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 500_000; i++) {
            BigDecimal percent = randomPercent(random);
            int score = random.nextInt(-200, 100_000);
            int engagement = random.nextInt(-50, 100_000);
            int floor = random.nextInt(-100, 500);
            int room = Math.min(score - floor, engagement);
            int expected = room <= 0 ? 0 : Math.min(Math.max(1, reference(percent, score)), room);
            assertEquals(expected, policy(percent).step(score, engagement, floor),
                    () -> percent + "% of " + score + ", engagement " + engagement + ", floor " + floor);
        }
    }

    /**
     * 0 to 100 with 0 to 10 decimals, as a model may write it; one in ten anything up to 10^12 with up to 12 decimals,
     * which the loader refuses but the record does not (either side of the long path's bound, 2^32 unscaled).
     */
    private static BigDecimal randomPercent(SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            return BigDecimal.valueOf(random.nextLong(1_000_000_000_000L), random.nextInt(13));
        }
        int scale = random.nextInt(11);
        long unscaled = random.nextLong(100 * BigDecimal.TEN.pow(scale).longValueExact() + 1);
        return random.nextInt(20) == 0 ? BigDecimal.valueOf(100) : BigDecimal.valueOf(unscaled, scale);
    }

    private static DecayPolicy policy(BigDecimal percent) {
        return new DecayPolicy(Duration.ofDays(30), Duration.ofDays(7), percent, null, DecayPolicy.Floor.DEFAULT);
    }

    private static int reference(BigDecimal percent, int score) {
        return percent.multiply(BigDecimal.valueOf(score)).divide(HUNDRED, 0, RoundingMode.HALF_UP).intValue();
    }
}
