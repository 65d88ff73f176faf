package io.leadscore.prediction;

import io.leadscore.prediction.TrainingReport.Cut;
import io.leadscore.prediction.TrainingReport.Decile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The held-out figures on cases worked out by hand. */
class HeldOutTest {
    // Converters at 0.35, 0.8 and 0.4; the others at 0.1 and 0.4 (a tie across the classes). Lead a appears twice.
    private static final HeldOut FIVE = new HeldOut(new double[]{0.1, 0.4, 0.35, 0.8, 0.4},
            new boolean[]{false, false, true, true, true}, new String[]{"a", "b", "c", "d", "a"}, 2);

    @Test
    void aucCountsATieAsHalfAPair() {
        // Pairs (converter, other): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4, 0.4>0.1, 0.4=0.4 -> 4.5 of 6.
        assertEquals(0.75, FIVE.auc(), 1e-12);
        assertEquals(1.0, new HeldOut(new double[]{0.2, 0.9}, new boolean[]{false, true}, new String[]{"a", "b"}, 1)
                .auc());
        assertNull(new HeldOut(new double[]{0.2, 0.9}, new boolean[]{true, true}, new String[]{"a", "b"}, 1).auc());
    }

    @Test
    void theF1CutIsTheBestOfEveryDistinctPrediction() {
        // At 0.8: F1 2/4; at 0.4: 4/6; at 0.35: 6/7 (4 flagged, 3 converters); at 0.1: 6/8.
        Cut cut = FIVE.f1();

        assertEquals(new Cut(0.35, 4, 0.75, 1.0, 6.0 / 7, 2.0), cut);
    }

    @Test
    void theCapacityCutIsTheLowestReachedByNoMoreLeadsAWeekThanSalesCanTake() {
        // Each lead's best: d 0.8, a 0.4, b 0.4, c 0.35; two weeks.
        // One a week allows two leads, but a and b tie at 0.4: the cut goes up to d's 0.8.
        assertEquals(new Cut(0.8, 1, 1.0, 1.0 / 3, 0.5, 0.5), FIVE.capacity(1));
        // Two a week allow all four: the lowest best, c's 0.35.
        assertEquals(new Cut(0.35, 4, 0.75, 1.0, 6.0 / 7, 2.0), FIVE.capacity(2));
        // Less than one lead in the period: above everyone.
        HeldOut shortPeriod = new HeldOut(new double[]{0.3, 0.6}, new boolean[]{false, true},
                new String[]{"a", "b"}, 0.5);
        assertEquals(0, shortPeriod.capacity(1).flagged());
    }

    @Test
    void calibrationPutsATenthOfTheExamplesInEachDecile() {
        double[] predicted = new double[20];
        boolean[] converted = new boolean[20];
        String[] leads = new String[20];
        for (int i = 0; i < 20; i++) {
            predicted[19 - i] = i / 20.0;
            converted[19 - i] = i >= 10 && i % 2 == 0;
            leads[i] = "lead-" + i;
        }
        List<Decile> deciles = new HeldOut(predicted, converted, leads, 1).calibration();

        assertEquals(10, deciles.size());
        assertEquals(new Decile(1, 2, 0.0, 0.05, 0.025, 0.0), deciles.get(0));
        assertEquals(new Decile(6, 2, 0.5, 0.55, 0.525, 0.5), deciles.get(5));
        assertEquals(3, new HeldOut(new double[]{0.1, 0.2, 0.3}, new boolean[3], new String[]{"a", "b", "c"}, 1)
                .calibration().size());
    }
}
