package io.leadscore.challenger;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Whether two rates differ by more than chance: the two-proportion z-test with the pooled proportion,
 * {@code z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2))}, {@code p = (x1 + x2) / (n1 + n2)}, two-sided.
 * The normal distribution's cumulative function is handed in (the function serving the report uses
 * commons-math3's), so the scoring jars that hold this package carry no statistics library.
 *
 * @param z         null when there are too few cases to tell, or no variation at all
 * @param p         the two-sided p-value; null likewise
 * @param statement what the comparison says, in a sentence
 */
public record Significance(String rate, long x1, long n1, long x2, long n2, Double z, Double p, String statement) {
    /**
     * Below this many cases on either side the normal approximation misleads (the usual rule wants at least five
     * successes and five failures per side; ten cases each is its floor and what a sales team reaches in days).
     */
    public static final int MIN_CASES = 10;
    public static final double LEVEL = 0.05;

    /**
     * The test of the challenger's {@code x1} of {@code n1} against the champion's {@code x2} of {@code n2}.
     *
     * @param rate       what is compared, for the statement: "acceptance"
     * @param cases      what {@code n} counts, for the statement: "decided MQLs"
     * @param cumulative the standard normal distribution's cumulative function
     */
    public static Significance of(String rate, String cases, long x1, long n1, long x2, long n2,
                                  DoubleUnaryOperator cumulative) {
        if (n1 < MIN_CASES || n2 < MIN_CASES) {
            return new Significance(rate, x1, n1, x2, n2, null, null, String.format(Locale.ROOT,
                    "too few %s to tell (n < %d): challenger %d, champion %d", cases, MIN_CASES, n1, n2));
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double error = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        String rates = String.format(Locale.ROOT, "challenger's %s %.2f vs %.2f", rate, p1, p2);
        if (error == 0) {
            return new Significance(rate, x1, n1, x2, n2, null, null, rates + ": no variation to test");
        }
        double z = (p1 - p2) / error;
        double p = 2 * (1 - cumulative.applyAsDouble(Math.abs(z)));
        return new Significance(rate, x1, n1, x2, n2, z, p, String.format(Locale.ROOT, "%s, z = %.2f, p = %.3f: %s",
                rates, z, p, p < LEVEL ? "significant at 5%" : "not significant at 5%"));
    }
}
