package io.leadscore.train;

import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.TrainingRun;
import io.leadscore.aws.dynamodb.TrainingRuns;
import io.leadscore.aws.lambda.Log;
import io.leadscore.model.ModelException;
import io.leadscore.prediction.Trainer;
import io.leadscore.prediction.Training;
import io.leadscore.prediction.TrainingData;
import io.leadscore.prediction.TrainingResult;
import io.leadscore.revision.ModelRevision;
import io.leadscore.support.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A training run as the train function carries it out: the published revision's history read ({@link HistoryReader}),
 * fitted and reported ({@link Training#run}), the run's report stored, and unless the report found nothing the draft
 * stored as the model's next revision, as the admin API's draft stores one (author {@value #AUTHOR}, the report's
 * finding as its notes, based on the published revision). It writes nothing live.
 */
final class TrainingJob {
    static final String AUTHOR = "training";

    private final TrainingRuns runs;
    private final ModelStore models;
    private final HistoryReader reader;
    private final Trainer trainer;
    private final Clock clock;

    TrainingJob(TrainingRuns runs, ModelStore models, HistoryReader reader, Trainer trainer, Clock clock) {
        this.runs = runs;
        this.models = models;
        this.reader = reader;
        this.trainer = trainer;
        this.clock = clock;
    }

    /** Carries out the queued run; empty when it is not queued any more (its event delivered twice). */
    Optional<TrainingRun> run(String runId) {
        Optional<TrainingRun> queued = runs.run(runId).filter(run -> TrainingRun.QUEUED.equals(run.status()));
        Optional<TrainingRun> running = queued.flatMap(run -> runs.begin(run, clock.instant()));
        if (running.isEmpty()) {
            Log.info("nothing to do for this training run", "runId", runId);
            return Optional.empty();
        }
        TrainingRun run = running.get();
        try {
            return Optional.of(train(run));
        } catch (RuntimeException e) {
            Log.error("the training run failed", e, "runId", runId);
            return Optional.of(runs.fail(run, e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant()));
        }
    }

    private TrainingRun train(TrainingRun run) {
        ModelRevision published = models.revision(run.modelId(), run.baseline()).orElseThrow(() ->
                new IllegalStateException("revision " + run.baseline() + " of model '" + run.modelId()
                        + "' is not stored"));
        Instant now = clock.instant();
        TrainingData data = new TrainingData(published.model(), run.request().plan(now));
        long leads = reader.readInto(data);
        TrainingResult result = Training.run(published, data, trainer, run.request().criterionOf());
        Integer draft = null;
        if (result.draftYaml() != null) {
            try {
                draft = models.draft(run.modelId(), number -> ModelRevision.draft(run.modelId(), number,
                        result.draftYaml(), AUTHOR, clock.instant(), result.report().finding(),
                        run.baseline())).number();
            } catch (ModelException e) {
                throw new IllegalStateException("the draft was refused: " + e.problems(), e);
            }
        }
        Log.info("the training run is done", "runId", run.runId(), "leads", leads, "auc", result.report().auc(),
                "draft", draft);
        return runs.finish(run, leads, Json.write(result.report()), draft, clock.instant());
    }
}
