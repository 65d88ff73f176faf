package io.leadscore.prediction;

import io.leadscore.model.Prediction;

/**
 * A training run's outcome: the fitted weights, the report, and the draft revision's YAML (null when the report
 * found nothing, or the published model has no sales-ready threshold to scale points to).
 */
public record TrainingResult(Prediction prediction, TrainingReport report, String draftYaml) {
}
