package io.leadscore.prediction;

import io.leadscore.prediction.TrainingReport.Cut;
import io.leadscore.prediction.TrainingReport.Decile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The held-out period's examples with their predicted probabilities: the figures a report judges a fit by. */
final class HeldOut {
    private final double[] predicted;
    private final boolean[] converted;
    private final String[] leads;
    private final double weeks;
    private final int positives;

    /**
     * @param weeks how long the held-out period is, in weeks: what "per week" divides by
     */
    HeldOut(double[] predicted, boolean[] converted, String[] leads, double weeks) {
        this.predicted = predicted;
        this.converted = converted;
        this.leads = leads;
        this.weeks = weeks;
        int count = 0;
        for (boolean positive : converted) {
            count += positive ? 1 : 0;
        }
        this.positives = count;
    }

    static HeldOut of(List<Example> examples, Likelihood likelihood, double weeks) {
        double[] predicted = new double[examples.size()];
        boolean[] converted = new boolean[examples.size()];
        String[] leads = new String[examples.size()];
        for (int i = 0; i < predicted.length; i++) {
            Example example = examples.get(i);
            predicted[i] = likelihood.probability(example.features());
            converted[i] = example.converted();
            leads[i] = example.leadId();
        }
        return new HeldOut(predicted, converted, leads, weeks);
    }

    int positives() {
        return positives;
    }

    /**
     * The probability that a converter is ranked above a non-converter (Mann–Whitney U over both counts, tied
     * predictions given their average rank); null without both.
     */
    Double auc() {
        int negatives = predicted.length - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        Integer[] order = ascending();
        double positiveRanks = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j < order.length && predicted[order[j]] == predicted[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0; // ranks i+1 .. j share their average
            for (int k = i; k < j; k++) {
                positiveRanks += converted[order[k]] ? rank : 0;
            }
            i = j;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The examples in ten equal parts by predicted probability, lowest first (fewer parts for fewer examples). */
    List<Decile> calibration() {
        Integer[] order = ascending();
        List<Decile> deciles = new ArrayList<>();
        int n = order.length;
        for (int decile = 0; decile < 10; decile++) {
            int from = decile * n / 10;
            int to = (decile + 1) * n / 10;
            if (from == to) {
                continue;
            }
            double sum = 0;
            int observed = 0;
            for (int k = from; k < to; k++) {
                sum += predicted[order[k]];
                observed += converted[order[k]] ? 1 : 0;
            }
            deciles.add(new Decile(decile + 1, to - from, predicted[order[from]], predicted[order[to - 1]],
                    sum / (to - from), (double) observed / (to - from)));
        }
        return deciles;
    }

    /** The cut with the best F1 (the higher cut on a tie); null without a conversion. */
    Cut f1() {
        if (positives == 0) {
            return null;
        }
        Integer[] order = ascending();
        int truePositives = 0;
        int flagged = 0;
        double best = -1;
        double cut = 1;
        for (int i = order.length - 1; i >= 0; ) {
            double value = predicted[order[i]];
            for (; i >= 0 && predicted[order[i]] == value; i--) {
                flagged++;
                truePositives += converted[order[i]] ? 1 : 0;
            }
            double f1 = 2.0 * truePositives / (flagged + positives);
            if (f1 > best) {
                best = f1;
                cut = value;
            }
        }
        return at(cut);
    }

    /**
     * The lowest cut that at most {@code leadsPerWeek} leads a week reach in the held-out period, a lead counted once
     * (as sales hears of it once): above every lead's best when even one lead a week is too many.
     */
    Cut capacity(int leadsPerWeek) {
        double[] best = bestByLead().values().stream().mapToDouble(Double::doubleValue)
                .boxed().sorted(Comparator.reverseOrder()).mapToDouble(Double::doubleValue).toArray();
        int allowed = (int) Math.floor(leadsPerWeek * weeks);
        if (allowed >= best.length) {
            return at(best[best.length - 1]);
        }
        // The cut must leave out the first lead beyond the allowance, and every lead tied with it.
        double excluded = best[allowed];
        for (int i = allowed - 1; i >= 0; i--) {
            if (best[i] > excluded) {
                return at(best[i]);
            }
        }
        return at(Math.nextUp(best[0]));
    }

    /** The figures at a cut: examples at or above it are flagged. */
    Cut at(double cut) {
        int flagged = 0;
        int truePositives = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] >= cut) {
                flagged++;
                truePositives += converted[i] ? 1 : 0;
            }
        }
        double precision = flagged == 0 ? 0 : (double) truePositives / flagged;
        double recall = positives == 0 ? 0 : (double) truePositives / positives;
        double f1 = flagged + positives == 0 ? 0 : 2.0 * truePositives / (flagged + positives);
        long reaching = bestByLead().values().stream().filter(best -> best >= cut).count();
        return new Cut(cut, flagged, precision, recall, f1, reaching / weeks);
    }

    private Map<String, Double> bestByLead() {
        Map<String, Double> best = new HashMap<>();
        for (int i = 0; i < predicted.length; i++) {
            best.merge(leads[i], predicted[i], Math::max);
        }
        return best;
    }

    private Integer[] ascending() {
        Integer[] order = IntStream.range(0, predicted.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
        return order;
    }
}
