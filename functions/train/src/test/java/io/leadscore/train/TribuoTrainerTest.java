package io.leadscore.train;

import io.leadscore.model.ModelLoader;
import io.leadscore.model.Prediction;
import io.leadscore.model.ScoringModel;
import io.leadscore.prediction.Example;
import io.leadscore.prediction.LeadFeatures;
import io.leadscore.prediction.Likelihood;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic examples over the default model's features, where conversion depends on three 0/1 signals with known
 * weights (2.0, -1.2, 0.6 on the logit) and on nothing else, every other feature drawn at its own scale.
 */
class TribuoTrainerTest {
    private static final ScoringModel MODEL = ModelLoader.defaultModel();
    private static final List<String> NAMES = new LeadFeatures(MODEL).names();
    private static final String STRONG = "rule:demo-request:30d";
    private static final String NEGATIVE = "rule:careers-page:30d";
    private static final String WEAK = "rule:pricing-page:30d";
    private static final Duration HORIZON = Duration.ofDays(90);

    /** Each feature at a scale like its real one: hits 0-9, flags 0/1, points 0-300, days 0-365, account 0-600. */
    static List<Example> examples(int count, long seed, boolean signal) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            double[] values = new double[NAMES.size()];
            for (int i = 0; i < values.length; i++) {
                String name = NAMES.get(i);
                values[i] = name.endsWith(":hits") ? random.nextInt(10)
                        : flag(name) ? (random.nextDouble() < 0.4 ? 1 : 0)
                        : name.startsWith("group:") ? random.nextInt(300)
                        : name.equals("recency") ? random.nextInt(366) : random.nextInt(600);
            }
            double logit = signal ? -0.8 + 2.0 * value(values, STRONG) - 1.2 * value(values, NEGATIVE)
                    + 0.6 * value(values, WEAK) : -0.8;
            boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            examples.add(new Example("lead-" + n, 1_700_000_000L + n, values, converted));
        }
        return examples;
    }

    /** A window's or a fit rule's feature: 0 or 1. */
    private static boolean flag(String name) {
        return name.matches("rule:.*:\\d+d") || name.startsWith("fit:");
    }

    private static double value(double[] values, String name) {
        return values[NAMES.indexOf(name)];
    }

    @Test
    void theKnownSignalsComeBackWithTheirSignsAndOrder() {
        Prediction prediction = new TribuoTrainer().fit(NAMES, examples(6_000, 7, true), Prediction.Label.OPPORTUNITY,
                HORIZON);

        assertEquals(Prediction.Label.OPPORTUNITY, prediction.label());
        assertEquals(HORIZON, prediction.horizon());
        double strong = prediction.weight(STRONG);
        double negative = prediction.weight(NEGATIVE);
        double weak = prediction.weight(WEAK);
        assertTrue(strong > 0 && negative < 0 && weak > 0, strong + " " + negative + " " + weak);
        assertTrue(strong > -negative && -negative > weak, strong + " " + negative + " " + weak);
        // Near the true weights: the penalty shrinks them a little, no more.
        assertEquals(2.0, strong, 0.25);
        assertEquals(-1.2, negative, 0.25);
        assertEquals(0.6, weak, 0.25);
        assertEquals(-0.8, prediction.intercept(), 0.5);
        // Of every 0/1 feature, the three signals are the three largest weights, in their order.
        List<String> flags = NAMES.stream().filter(TribuoTrainerTest::flag)
                .sorted(Comparator.comparingDouble((String name) -> -Math.abs(prediction.weight(name)))).toList();
        assertEquals(List.of(STRONG, NEGATIVE, WEAK), flags.subList(0, 3));
    }

    @Test
    void likelihoodsArithmeticWithTheFoldedWeightsEqualsTribuosOwnPrediction() {
        List<Example> training = examples(3_000, 11, true);
        TribuoTrainer.Fit fit = new TribuoTrainer().train(NAMES, training);
        Likelihood likelihood = new Likelihood(MODEL, fit.prediction(Prediction.Label.WON, HORIZON));

        for (Example example : examples(200, 12, true)) {
            double tribuo = fit.probability(example.features());
            assertEquals(tribuo, likelihood.probability(example.features()), 1e-9, example.leadId());
        }
        // The check is not vacuous: the probabilities spread.
        double[] spread = examples(200, 12, true).stream().mapToDouble(e -> fit.probability(e.features()))
                .sorted().toArray();
        assertTrue(spread[0] < 0.2 && spread[spread.length - 1] > 0.7, spread[0] + " " + spread[spread.length - 1]);
    }

    @Test
    void aRunIsRepeatable() {
        List<Example> training = examples(2_000, 3, true);
        Prediction first = new TribuoTrainer().fit(NAMES, training, Prediction.Label.OPPORTUNITY, HORIZON);
        Prediction second = new TribuoTrainer().fit(NAMES, training, Prediction.Label.OPPORTUNITY, HORIZON);

        assertEquals(first, second);
    }

    @Test
    void withoutSignalEveryWeightStaysSmall() {
        Prediction prediction = new TribuoTrainer().fit(NAMES, examples(4_000, 5, false), Prediction.Label.OPPORTUNITY,
                HORIZON);

        // A 0/1 flag's weight has a sampling error of about 0.07 at 4,000 examples: over 60 features, the largest
        // strays some 3 errors from 0, and a true weight of 0.6 (the weak signal) stands clear of that.
        for (String name : NAMES) {
            assertTrue(Math.abs(prediction.weight(name)) < 0.3, name + " " + prediction.weight(name));
        }
    }

    @Test
    void aConstantFeatureGetsNoWeight() {
        List<Example> training = examples(1_000, 9, true).stream().map(example -> {
            double[] values = example.features().clone();
            values[NAMES.indexOf("account")] = 42;
            return new Example(example.leadId(), example.at(), values, example.converted());
        }).toList();

        Prediction prediction = new TribuoTrainer().fit(NAMES, training, Prediction.Label.OPPORTUNITY, HORIZON);

        assertTrue(!prediction.weights().containsKey("account"));
        assertTrue(prediction.weights().containsKey(STRONG));
    }

    @Test
    void examplesOfOneOutcomeAloneGiveTheBaseRateAndNoWeight() {
        List<Example> none = examples(100, 1, false).stream()
                .map(e -> new Example(e.leadId(), e.at(), e.features(), false)).toList();

        Prediction prediction = new TribuoTrainer().fit(NAMES, none, Prediction.Label.OPPORTUNITY, HORIZON);

        assertEquals(Map.of(), prediction.weights());
        assertEquals(Math.log(0.5 / 100.5), prediction.intercept(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new TribuoTrainer().train(NAMES, none));
    }
}
