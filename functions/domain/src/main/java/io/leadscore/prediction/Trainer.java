package io.leadscore.prediction;

import io.leadscore.model.Prediction;

import java.time.Duration;
import java.util.List;

/**
 * Fits a regularised logistic model to examples. The domain names what training needs; a library does the fitting
 * (the training function's Tribuo), and stays out of every scoring jar.
 */
public interface Trainer {
    /**
     * @param names    the features' names, in the order of each example's values
     * @param examples the training period's examples (never the held-out period's)
     * @return the weights on the features' raw values (any scaling the fit used folded back in)
     */
    Prediction fit(List<String> names, List<Example> examples, Prediction.Label label, Duration horizon);
}
