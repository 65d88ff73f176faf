package io.leadscore.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The trained weights a revision may carry: a logistic model of a lead's likelihood to convert ({@code label}: become
 * an opportunity, or win) within {@code horizon} of the moment its features are read. Plain numbers, so that the
 * score function computes a probability with arithmetic alone: the training library never enters a scoring jar.
 *
 * @param weights per feature name (see {@code io.leadscore.prediction.LeadFeatures}), on the features' raw values;
 *                a feature without a weight counts zero
 */
public record Prediction(Label label, Duration horizon, double intercept, Map<String, Double> weights) {
    /** What a conversion is: the verdict whose first arrival within the horizon labels an example positive. */
    public enum Label {
        OPPORTUNITY, WON
    }

    public Prediction {
        Objects.requireNonNull(label, "label");
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("a prediction's horizon must be positive, not " + horizon);
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("a prediction's intercept must be a finite number, not " + intercept);
        }
        weights.forEach((feature, weight) -> {
            if (weight == null || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("the weight of " + feature + " must be a finite number, not "
                        + weight);
            }
        });
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** The weight of a feature: zero for one the model does not name. */
    public double weight(String feature) {
        return weights.getOrDefault(feature, 0.0);
    }
}
