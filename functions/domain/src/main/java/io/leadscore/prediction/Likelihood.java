package io.leadscore.prediction;

import io.leadscore.lead.Lead;
import io.leadscore.model.Prediction;
import io.leadscore.model.ScoringModel;

import java.time.Instant;
import java.util.List;

/** A lead's likelihood to convert under a revision's trained weights: the logistic function of its features. */
public final class Likelihood {
    private final LeadFeatures features;
    private final double intercept;
    private final double[] weights;

    public Likelihood(ScoringModel model, Prediction prediction) {
        this.features = new LeadFeatures(model);
        this.intercept = prediction.intercept();
        List<String> names = features.names();
        this.weights = new double[names.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = prediction.weight(names.get(i));
        }
    }

    /** The probability, from 0 to 1, that the lead converts within the prediction's horizon after {@code at}. */
    public double of(Lead lead, int accountScore, Instant at) {
        return probability(features.of(lead, accountScore, at));
    }

    /** The probability for feature values in {@link LeadFeatures#names()}'s order. */
    public double probability(double[] values) {
        double logit = intercept;
        for (int i = 0; i < weights.length; i++) {
            logit += weights[i] * values[i];
        }
        return 1 / (1 + Math.exp(-logit));
    }
}
