package io.leadscore.train;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.announcement.BusEvent;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.LeadScan;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.TrainingRun;
import io.leadscore.aws.dynamodb.TrainingRuns;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.aws.lambda.StreamHandler;
import io.leadscore.prediction.TrainingRequest;

import java.time.Clock;
import java.util.Map;

/**
 * The train function: carries out a training run handed to it on the bus (a {@code JobSegmentReady} of type
 * {@value JobSegmentReady#TRAINING}, from the admin API's {@code POST /v1/models/{modelId}/trainings} or from this
 * function's own schedule), or, from its weekly schedule ({@code {"model": "<model id>"}}), queues a run with the
 * defaults ({@link TrainingRequest#defaults()}) through the same hand-off. It has its own memory and time: training
 * never runs in, nor slows, the scoring path, and the training library is in no other jar.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code MODEL_ID}, {@code RETENTION_DAYS}; optionally {@code TRAIN_PAGE_SIZE}
 * (lead index entries per page, 100).
 */
public final class TrainHandler extends StreamHandler<Map<String, Object>, TrainHandler.Outcome> {
    /** Leads whose histories are read at once: round trips to DynamoDB overlap. */
    private static final int LEADS_AT_ONCE = 8;
    static final String SCHEDULE_AUTHOR = "training-schedule";

    /** What an invocation did: the run it queued or carried out, and how that ended. */
    public record Outcome(String runId, String status, Integer draft, String skipped) {
    }

    private final String modelId;
    private final TrainingRuns runs;
    private final ModelStore models;
    private final TrainingJob job;
    private final Clock clock;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public TrainHandler() {
        this(Environment.system());
    }

    public TrainHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        var dynamo = bootstrap.dynamoDb();
        String table = bootstrap.table();
        this.modelId = bootstrap.modelId();
        this.clock = bootstrap.clock();
        this.runs = new TrainingRuns(dynamo, table);
        this.models = new ModelStore(dynamo, table);
        HistoryReader reader = new HistoryReader(new LeadScan(dynamo, table),
                new LeadStore(dynamo, table, clock, bootstrap.retention()), new Parallel(LEADS_AT_ONCE, "train-lead"),
                env.integer("TRAIN_PAGE_SIZE", 100));
        this.job = new TrainingJob(runs, models, reader, new TribuoTrainer(), clock);
    }

    @Override
    public Outcome handleRequest(Map<String, Object> input, Context context) {
        Metrics metrics = new Metrics("train");
        try {
            Object detailType = input == null ? null : input.get("detail-type");
            Outcome outcome = detailType == null ? queueScheduled(input) : run(detailType, input.get("detail"));
            metrics.count("RunsQueued", outcome.status() != null && outcome.status().equals(TrainingRun.QUEUED) ? 1 : 0)
                    .count("RunsDone", TrainingRun.DONE.equals(outcome.status()) ? 1 : 0)
                    .count("RunsFailed", TrainingRun.FAILED.equals(outcome.status()) ? 1 : 0)
                    .count("Drafts", outcome.draft() == null ? 0 : 1);
            return outcome;
        } finally {
            metrics.publish();
        }
    }

    private Outcome run(Object detailType, Object detail) {
        JobSegmentReady event;
        try {
            event = (JobSegmentReady) BusEvent.read(String.valueOf(detailType), detail instanceof Map<?, ?> map
                    ? castDetail(map) : null);
        } catch (IllegalArgumentException | ClassCastException e) {
            // Retrying cannot help, but failing keeps the event: Lambda sends it to the dead-letter queue.
            Log.error("not an event this function can read", e, "detailType", detailType);
            throw e;
        }
        if (!JobSegmentReady.TRAINING.equals(event.type())) {
            throw new IllegalArgumentException("the train function carries out training runs, not " + event.type()
                    + " jobs (the bus rule's pattern lets only type training through)");
        }
        return job.run(event.jobId())
                .map(run -> new Outcome(run.runId(), run.status(), run.draft(), null))
                .orElse(new Outcome(event.jobId(), null, null, "not queued: carried out already"));
    }

    private Outcome queueScheduled(Map<String, Object> input) {
        Object named = input == null ? null : input.get("model");
        if (named != null && !modelId.equals(named)) {
            throw new IllegalArgumentException("this schedule is for model '" + named + "', but the function runs '"
                    + modelId + "' (set the ModelId parameter to the model's id)");
        }
        ModelPointer pointer = models.pointer(modelId).orElse(null);
        if (pointer == null) {
            return new Outcome(null, null, null, "model '" + modelId + "' has no published revision yet");
        }
        try {
            TrainingRun run = runs.queue(modelId, pointer.published(), TrainingRequest.defaults(), SCHEDULE_AUTHOR,
                    clock.instant());
            Log.info("queued the weekly training run", "runId", run.runId());
            return new Outcome(run.runId(), run.status(), null, null);
        } catch (TrainingRuns.Busy busy) {
            Log.info("a training run is under way: the weekly one is skipped", "runId", busy.runId());
            return new Outcome(busy.runId(), null, null, busy.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castDetail(Map<?, ?> detail) {
        return (Map<String, Object>) detail;
    }
}
