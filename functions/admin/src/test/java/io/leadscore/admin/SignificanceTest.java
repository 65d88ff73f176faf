package io.leadscore.admin;

import io.leadscore.challenger.Significance;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The two-proportion z-test as the admin function runs it (commons-math3's normal distribution), against cases done by hand. */
class SignificanceTest {
    private static final DoubleUnaryOperator NORMAL = new NormalDistribution()::cumulativeProbability;

    /**
     * By hand: challenger 62 accepted of 100 decided (0.62), champion 48 of 100 (0.48).
     * Pooled p = (62 + 48) / 200 = 0.55; standard error = sqrt(0.55 * 0.45 * (1/100 + 1/100)) = sqrt(0.00495)
     * = 0.070356; z = (0.62 - 0.48) / 0.070356 = 1.9899; the table's Phi(1.99) = 0.97670, so two-sided
     * p = 2 * (1 - 0.97670) = 0.0466 < 0.05: significant.
     */
    @Test
    void aDifferenceBeyondChanceIsSignificantAtFivePercent() {
        Significance test = Significance.of("acceptance", "decided MQLs", 62, 100, 48, 100, NORMAL);

        assertEquals(1.9899, test.z(), 0.0001);
        assertEquals(0.0466, test.p(), 0.0001);
        assertEquals("challenger's acceptance 0.62 vs 0.48, z = 1.99, p = 0.047: significant at 5%", test.statement());
    }

    /**
     * By hand: the same rates on half the cases, 31 of 50 against 24 of 50. Pooled p = 0.55; standard error =
     * sqrt(0.55 * 0.45 * (1/50 + 1/50)) = sqrt(0.0099) = 0.099499; z = 0.14 / 0.099499 = 1.4071; Phi(1.41) = 0.9203,
     * p = 2 * (1 - 0.9203) = 0.159: not significant.
     */
    @Test
    void theSameRatesOnFewerCasesAreNotSignificant() {
        Significance test = Significance.of("acceptance", "decided MQLs", 31, 50, 24, 50, NORMAL);

        assertEquals(1.4071, test.z(), 0.0001);
        assertEquals(0.1594, test.p(), 0.0001);
        assertEquals("challenger's acceptance 0.62 vs 0.48, z = 1.41, p = 0.159: not significant at 5%",
                test.statement());
    }

    @Test
    void tooFewCasesOnEitherSideAreNotTested() {
        Significance test = Significance.of("conversion", "MQLs", 9, 9, 5, 12, NORMAL);

        assertNull(test.z());
        assertNull(test.p());
        assertEquals("too few MQLs to tell (n < 10): challenger 9, champion 12", test.statement());
    }

    @Test
    void noVariationAtAllHasNothingToTest() {
        Significance test = Significance.of("acceptance", "decided MQLs", 20, 20, 30, 30, NORMAL);

        assertNull(test.z());
        assertEquals("challenger's acceptance 1.00 vs 1.00: no variation to test", test.statement());
    }
}
