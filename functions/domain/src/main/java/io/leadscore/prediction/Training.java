package io.leadscore.prediction;

import io.leadscore.model.Prediction;
import io.leadscore.model.ScoringModel;
import io.leadscore.prediction.TrainingReport.Cut;
import io.leadscore.prediction.TrainingReport.Evidence;
import io.leadscore.prediction.TrainingReport.FeatureEffect;
import io.leadscore.prediction.TrainingReport.Period;
import io.leadscore.prediction.TrainingReport.PointsFit;
import io.leadscore.revision.ModelRevision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** A training run: fits the weights on the training period, judges them on the held-out period, drafts a revision. */
public final class Training {
    private static final double WEEK_SECONDS = Duration.ofDays(7).toSeconds();

    private Training() {
    }

    /**
     * Fits, reports and drafts: nothing stored.
     *
     * @throws IllegalArgumentException when either period holds no example: nothing to fit or to judge by
     */
    public static TrainingResult run(ModelRevision published, TrainingData data, Trainer trainer,
                                     Criterion criterion) {
        TrainingPlan plan = data.plan();
        ScoringModel model = published.model();
        List<Example> training = data.training();
        List<Example> heldOutExamples = data.heldOut();
        if (training.isEmpty() || heldOutExamples.isEmpty()) {
            throw new IllegalArgumentException("splitAt: " + plan.splitAt() + " leaves " + training.size()
                    + " training and " + heldOutExamples.size() + " held-out examples; each period needs some");
        }
        Prediction prediction = trainer.fit(data.names(), training, plan.label(), plan.horizon());
        Instant lastMoment = plan.now().minus(plan.horizon());
        double weeks = Math.max(1, (lastMoment.getEpochSecond() - plan.splitAt().getEpochSecond()) / WEEK_SECONDS);
        HeldOut heldOut = HeldOut.of(heldOutExamples, new Likelihood(model, prediction), weeks);
        Double auc = heldOut.auc();
        Cut f1 = heldOut.f1();
        Cut capacity = criterion.leadsPerWeek() == null ? null : heldOut.capacity(criterion.leadsPerWeek());
        Cut chosen = criterion.kind() == Criterion.Kind.F1 ? f1 : capacity;
        Period trainingPeriod = period(training);
        Period heldOutPeriod = period(heldOutExamples);
        boolean foundNothing = auc == null || auc < TrainingReport.MIN_AUC
                || trainingPeriod.positives() < TrainingReport.MIN_POSITIVES
                || heldOutPeriod.positives() < TrainingReport.MIN_POSITIVES;
        PointsFit points = foundNothing ? null : pointsFit(data, trainer, model, criterion, weeks);
        boolean scalable = points != null && points.chosen() != null && DraftRevision.pointsPerLogit(model,
                points.weights(), points.chosen().probability()).isPresent();
        TrainingReport report = new TrainingReport(plan.label(), plan.horizon(), trainingPeriod, heldOutPeriod, auc,
                heldOut.calibration(), effects(data.names(), training, prediction), f1, capacity, criterion, chosen,
                points, foundNothing, finding(foundNothing, scalable, auc, heldOutPeriod, chosen, criterion));
        String draft = scalable ? DraftRevision.of(published.yaml(), model, prediction, report) : null;
        return new TrainingResult(prediction, report, draft);
    }

    /** The second fit, on the features points can say, judged on the same held-out examples. */
    private static PointsFit pointsFit(TrainingData data, Trainer trainer, ScoringModel model, Criterion criterion,
                                       double weeks) {
        List<String> names = data.names();
        int[] columns = IntStream.range(0, names.size()).filter(f -> DraftRevision.pointsSay(names.get(f))).toArray();
        List<Example> training = data.training().stream().map(example -> new Example(example.leadId(),
                example.at(), Arrays.stream(columns).mapToDouble(f -> example.features()[f]).toArray(),
                example.converted())).toList();
        TrainingPlan plan = data.plan();
        Prediction weights = trainer.fit(Arrays.stream(columns).mapToObj(names::get).toList(), training,
                plan.label(), plan.horizon());
        // Likelihood reads every feature by name: those this fit left out weigh nothing.
        HeldOut heldOut = HeldOut.of(data.heldOut(), new Likelihood(model, weights), weeks);
        return new PointsFit(weights, heldOut.auc(), criterion.kind() == Criterion.Kind.F1 ? heldOut.f1()
                : heldOut.capacity(criterion.leadsPerWeek()), evidence(names, columns, data.training()));
    }

    private static Map<String, Evidence> evidence(List<String> names, int[] columns, List<Example> training) {
        int converted = (int) training.stream().filter(Example::converted).count();
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        for (int f : columns) {
            int with = 0;
            int convertedWith = 0;
            for (Example example : training) {
                if (example.features()[f] != 0) {
                    with++;
                    convertedWith += example.converted() ? 1 : 0;
                }
            }
            evidence.put(names.get(f), Evidence.of(with, convertedWith, training.size(), converted));
        }
        return evidence;
    }

    private static Period period(List<Example> examples) {
        int positives = (int) examples.stream().filter(Example::converted).count();
        return new Period(Instant.ofEpochSecond(examples.get(0).at()),
                Instant.ofEpochSecond(examples.get(examples.size() - 1).at()), examples.size(), positives);
    }

    /** The features with a weight, ranked by weight × standard deviation on the training examples. */
    static List<FeatureEffect> effects(List<String> names, List<Example> training, Prediction prediction) {
        List<FeatureEffect> effects = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            double weight = prediction.weight(names.get(f));
            double sum = 0;
            double squares = 0;
            for (Example example : training) {
                sum += example.features()[f];
                squares += example.features()[f] * example.features()[f];
            }
            int n = Math.max(1, training.size());
            double deviation = Math.sqrt(Math.max(0, squares / n - (sum / n) * (sum / n)));
            double effect = weight * deviation;
            if (effect != 0) {
                effects.add(new FeatureEffect(names.get(f), weight, deviation, effect, Math.exp(effect),
                        effect > 0 ? "raises" : "lowers"));
            }
        }
        effects.sort(Comparator.comparingDouble((FeatureEffect e) -> Math.abs(e.effect())).reversed());
        return List.copyOf(effects.subList(0, Math.min(TrainingReport.TOP_FEATURES, effects.size())));
    }

    private static String finding(boolean foundNothing, boolean scalable, Double auc, Period heldOut, Cut chosen,
                                  Criterion criterion) {
        String judged = String.format(Locale.ROOT, "held-out AUC %s on %d examples with %d conversions",
                auc == null ? "unknown" : String.format(Locale.ROOT, "%.3f", auc), heldOut.examples(),
                heldOut.positives());
        if (foundNothing) {
            return "The model found nothing: " + judged + " (a finding needs an AUC of at least "
                    + TrainingReport.MIN_AUC + " and " + TrainingReport.MIN_POSITIVES
                    + " conversions in each period); no draft is suggested.";
        }
        if (!scalable) {
            return "The model tells converters apart (" + judged + "), but points cannot keep the sales-ready"
                    + " threshold's meaning at " + criterion.describe() + " (no sales-ready threshold, no cut, or a"
                    + " cut no higher than a lead without points reaches); no draft is suggested.";
        }
        return String.format(Locale.ROOT, "The model tells converters apart: %s. At %s, a probability of %.3f:"
                        + " precision %.2f, recall %.2f, %.1f leads a week.", judged, criterion.describe(),
                chosen.probability(), chosen.precision(), chosen.recall(), chosen.leadsPerWeek());
    }
}
