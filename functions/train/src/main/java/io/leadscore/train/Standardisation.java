package io.leadscore.train;

import io.leadscore.prediction.Example;

import java.util.List;

/**
 * Each feature's mean and standard deviation over the training examples: the fit sees {@code (x - mean) / sd}, so
 * that the L2 penalty weighs a feature counted in hundreds of points and a 0/1 flag alike. A feature that never varies
 * ({@code sd} 0) tells nothing and is left out of the fit.
 */
record Standardisation(double[] means, double[] sds) {

    static Standardisation of(int width, List<Example> examples) {
        double[] sums = new double[width];
        double[] squares = new double[width];
        for (Example example : examples) {
            double[] values = example.features();
            for (int i = 0; i < width; i++) {
                sums[i] += values[i];
            }
        }
        double[] means = new double[width];
        for (int i = 0; i < width; i++) {
            means[i] = sums[i] / examples.size();
        }
        // Two passes: the squares of deviations, not the difference of two large sums, which loses digits.
        for (Example example : examples) {
            double[] values = example.features();
            for (int i = 0; i < width; i++) {
                double deviation = values[i] - means[i];
                squares[i] += deviation * deviation;
            }
        }
        double[] sds = new double[width];
        for (int i = 0; i < width; i++) {
            sds[i] = Math.sqrt(squares[i] / examples.size());
        }
        return new Standardisation(means, sds);
    }

    boolean varies(int feature) {
        return sds[feature] > 0;
    }

    double mean(int feature) {
        return means[feature];
    }

    double sd(int feature) {
        return sds[feature];
    }

    double standardised(int feature, double value) {
        return (value - means[feature]) / sds[feature];
    }
}
