package io.leadscore.prediction;

import io.leadscore.model.Prediction;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests' trainer: logistic regression by plain batch gradient descent on standardised features, with a little L2,
 * the scaling folded back into weights on raw values (the Tribuo trainer lives in branch train's module).
 */
final class GradientDescent implements Trainer {
    private static final int STEPS = 300;
    private static final double RATE = 1.0;
    private static final double L2 = 1e-3;

    @Override
    public Prediction fit(List<String> names, List<Example> examples, Prediction.Label label, Duration horizon) {
        int d = names.size();
        double[] mean = new double[d];
        double[] deviation = new double[d];
        for (Example example : examples) {
            for (int f = 0; f < d; f++) {
                mean[f] += example.features()[f] / examples.size();
            }
        }
        for (Example example : examples) {
            for (int f = 0; f < d; f++) {
                double gap = example.features()[f] - mean[f];
                deviation[f] += gap * gap / examples.size();
            }
        }
        for (int f = 0; f < d; f++) {
            deviation[f] = Math.sqrt(deviation[f]);
        }
        double[][] z = new double[examples.size()][d];
        double[] y = new double[examples.size()];
        for (int i = 0; i < z.length; i++) {
            for (int f = 0; f < d; f++) {
                z[i][f] = deviation[f] == 0 ? 0 : (examples.get(i).features()[f] - mean[f]) / deviation[f];
            }
            y[i] = examples.get(i).converted() ? 1 : 0;
        }
        double[] w = new double[d];
        double b = 0;
        for (int step = 0; step < STEPS; step++) {
            double[] gradient = new double[d];
            double gradientB = 0;
            for (int i = 0; i < z.length; i++) {
                double logit = b;
                for (int f = 0; f < d; f++) {
                    logit += w[f] * z[i][f];
                }
                double error = 1 / (1 + Math.exp(-logit)) - y[i];
                gradientB += error;
                for (int f = 0; f < d; f++) {
                    gradient[f] += error * z[i][f];
                }
            }
            b -= RATE * gradientB / z.length;
            for (int f = 0; f < d; f++) {
                w[f] -= RATE * (gradient[f] / z.length + L2 * w[f]);
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        double intercept = b;
        for (int f = 0; f < d; f++) {
            double raw = deviation[f] == 0 ? 0 : w[f] / deviation[f];
            weights.put(names.get(f), raw);
            intercept -= raw * mean[f];
        }
        return new Prediction(label, horizon, intercept, weights);
    }
}
