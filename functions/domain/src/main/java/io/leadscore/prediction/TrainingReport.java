package io.leadscore.prediction;

import io.leadscore.model.Prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a training run found, for people: how many examples and conversions each period held, how well the fit tells
 * converters apart on the held-out period (AUC), whether its probabilities mean what they say (calibration by decile),
 * which features matter most and which way, and the suggested threshold by each criterion.
 *
 * @param auc          the held-out period's AUC (Mann–Whitney, ties counted half); null without both classes there
 * @param f1Cut        the cut with the best F1 on the held-out period; null without a conversion there
 * @param capacityCut  the lowest cut reached by at most the criterion's leads per week; null when none was given
 * @param chosen       the cut by {@code criterion}
 * @param points       the fit the draft's points come from; null when there is no draft to make
 * @param foundNothing true when the AUC is below {@value #MIN_AUC} (or unknown), or either period has fewer than
 *                     {@value #MIN_POSITIVES} conversions: then no draft is suggested
 * @param finding      one sentence on what the run found
 */
public record TrainingReport(Prediction.Label label, Duration horizon, Period training, Period heldOut, Double auc,
                             List<Decile> calibration, List<FeatureEffect> topFeatures, Cut f1Cut, Cut capacityCut,
                             Criterion criterion, Cut chosen, PointsFit points, boolean foundNothing,
                             String finding) {
    /** An AUC this close to a coin's (0.5) is no finding. */
    public static final double MIN_AUC = 0.6;
    /** Fewer conversions than this make an AUC or a weight noise. */
    public static final int MIN_POSITIVES = 20;
    /** How many features the report names. */
    public static final int TOP_FEATURES = 10;

    /** A period's examples: moments from {@code from} to {@code to}. */
    public record Period(Instant from, Instant to, int examples, int positives) {
    }

    /** A tenth of the held-out examples by predicted probability: what was predicted against what happened. */
    public record Decile(int decile, int examples, double minPredicted, double maxPredicted, double meanPredicted,
                         double observed) {
    }

    /**
     * A feature's weight and its effect: the weight times the feature's standard deviation on the training examples,
     * so that a count and a 0/1 flag are ranked on the same footing.
     *
     * @param oddsRatio {@code exp(effect)}: how the odds of converting change with one standard deviation more
     */
    public record FeatureEffect(String feature, double weight, double standardDeviation, double effect,
                                double oddsRatio, String direction) {
    }

    /**
     * The fit on what points can say alone (each rule's hits, each fit rule), from the same training examples: a
     * rule's points then carry its whole effect, not what its 7/30/90-day windows left to it in the full fit.
     *
     * @param auc      its held-out AUC, beside the full fit's: what points alone tell apart
     * @param chosen   its cut by the criterion: the probability the draft's sales-ready threshold means
     * @param evidence per feature, how plainly the training period ties it to conversion
     */
    public record PointsFit(Prediction weights, Double auc, Cut chosen, Map<String, Evidence> evidence) {
    }

    /**
     * A feature's plain association with conversion over the training examples, from its 2×2 table (with it or
     * without, converted or not; half an example added to each cell so that an empty one stays finite): the log odds
     * ratio over its standard error. A fit gives a weight to a feature seen on three converted examples as readily
     * as to one seen on three hundred; this says which is which.
     *
     * @param examples  training examples with the feature (a rule that had fired, a fit rule that held)
     * @param converted those of them that converted
     * @param z         the log odds ratio in standard errors: |z| of 2 or more is clear of chance
     */
    public record Evidence(int examples, int converted, double z) {
        /** Where a draft suggests points: a weight with this sign and evidence this plain. */
        public static final double MIN_Z = 2;

        /** A feature on none of the examples, or on all of them, is no evidence: z 0. */
        static Evidence of(int examples, int converted, int total, int totalConverted) {
            if (examples == 0 || examples == total) {
                return new Evidence(examples, converted, 0);
            }
            double with = converted + 0.5;
            double withNot = examples - converted + 0.5;
            double without = totalConverted - converted + 0.5;
            double withoutNot = total - examples - (totalConverted - converted) + 0.5;
            double logOdds = Math.log(with * withoutNot / (withNot * without));
            return new Evidence(examples, converted,
                    logOdds / Math.sqrt(1 / with + 1 / withNot + 1 / without + 1 / withoutNot));
        }
    }

    /**
     * A probability cut on the held-out period: examples at or above it are flagged.
     *
     * @param leadsPerWeek leads first reaching the cut, per week of the held-out period
     */
    public record Cut(double probability, int flagged, double precision, double recall, double f1,
                      double leadsPerWeek) {
    }
}
