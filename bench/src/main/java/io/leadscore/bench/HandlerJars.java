package io.leadscore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Retention;
import io.leadscore.announcement.BusEvent;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.TrainingRun;
import io.leadscore.aws.dynamodb.TrainingRuns;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.LocalQueue;
import io.leadscore.local.LocalS3;
import io.leadscore.local.LocalSqs;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;
import io.leadscore.support.Json;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every handler of template.yaml invoked once from its function's shaded jar alone, each in a new JVM
 * ({@link FirstInvocation}), over DynamoDB Local, the event bus, S3 and SQS stand-ins running in this process: what
 * shows that a minimized jar still holds every class its handler loads (by name, by ServiceLoader or by
 * reflection), where {@link ColdStart} times six of them. In the order of the data, on empty tables: each finds
 * what the ones before wrote, and the chunk loader reads the message the splitter sent.
 */
final class HandlerJars implements AutoCloseable {
    /** The import bucket's local name; {@code events/imports/upload-created.json} names it. */
    static final String BUCKET = "import-bucket";
    static final String UPLOAD_KEY = "leads/hubspot/contacts.csv";
    static final String UPLOAD_SAMPLE = "imports/hubspot-contacts.csv";
    static final String CHUNK_FUNCTION = "ImportChunkFunction";
    static final String TRAIN_FUNCTION = "TrainFunction";
    /** Leads with a history and sales verdicts for the train function's run: enough for both outcomes in training. */
    static final int TRAINING_LEADS = 200;

    /** A handler by its function's logical id, and its sample under events/ (null: the queue's messages). */
    record Handler(String logicalId, String sample) {
    }

    static final List<Handler> HANDLERS = List.of(
            new Handler("IngestFunction", "ingest/post-batch.json"),
            new Handler("ScoreFunction", "score/new-activities.json"),
            new Handler("ShadowFunction", "score/new-activities.json"),
            new Handler("QueryFunction", "query/get-lead.json"),
            new Handler("PublishFunction", "publish/outbox-records.json"),
            new Handler("NotifyFunction", "notify/lead-qualified.json"),
            new Handler("DecayFunction", "decay/scheduled-sweep.json"),
            new Handler("NotifyRetryFunction", "decay/scheduled-sweep.json"),
            new Handler("AuditFunction", "decay/scheduled-sweep.json"),
            new Handler("RedriveFunction", "redrive/failure-record.json"),
            new Handler("RepublishFunction", "decay/scheduled-sweep.json"),
            new Handler("OpsFunction", "redrive/post-redrive.json"),
            new Handler("AdminFunction", "admin/list-revisions.json"),
            new Handler("JobsFunction", "bus/job-segment-ready.json"),
            new Handler(TRAIN_FUNCTION, "train/weekly-run.json"),
            new Handler("DashboardFunction", "dashboard/get-page.json"),
            new Handler("ImportSplitFunction", "imports/upload-created.json"),
            new Handler(CHUNK_FUNCTION, null));

    /** What one handler answered, and the classes its JVM had loaded by the end of the invocation. */
    record Answer(String logicalId, String jar, JsonNode answer, long classes) {
    }

    private final SamTemplate template;
    private final Path root;
    private final Path scratch;
    private final LocalDynamoDb dynamoDb;
    private final LocalEventBus eventBus;
    private final LocalS3 s3;
    private final Map<String, LocalQueue> queues = new ConcurrentHashMap<>();
    private final LocalSqs sqs;

    HandlerJars(SamTemplate template) throws IOException {
        this.template = template;
        this.root = template.file().toAbsolutePath().getParent();
        this.scratch = Files.createTempDirectory("handler-jars");
        this.dynamoDb = LocalDynamoDb.builder(template).start();
        this.eventBus = LocalEventBus.start(template);
        Path bucket = Files.createDirectories(scratch.resolve(BUCKET));
        Files.createDirectories(bucket.resolve(UPLOAD_KEY).getParent());
        Files.copy(root.resolve("events").resolve(UPLOAD_SAMPLE), bucket.resolve(UPLOAD_KEY));
        this.s3 = LocalS3.start(Map.of(BUCKET, bucket));
        this.sqs = LocalSqs.start(name -> queues.computeIfAbsent(name, LocalQueue::new));
    }

    /** The shaded jar of the module that holds the function's handler (as the Makefile deploys it). */
    static Path jar(SamTemplate template, String logicalId) {
        String module = template.function(logicalId).handlerClass().split("\\.")[2];
        return template.file().toAbsolutePath().getParent().resolve("functions").resolve(module).resolve("target")
                .resolve(module + ".jar");
    }

    /** Invokes every handler once, cold; fails on the first that errs or misses a class. */
    List<Answer> invokeAll() throws IOException, InterruptedException {
        new ColdStart(template, dynamoDb, eventBus, null, null).freshData();
        List<Answer> answers = new ArrayList<>();
        for (Handler handler : HANDLERS) {
            Path event = handler.sample() == null ? queuedMessages() : root.resolve("events").resolve(handler.sample());
            answers.add(invoke(handler.logicalId(), event));
        }
        return answers;
    }

    private Answer invoke(String logicalId, Path event) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(template, dynamoDb, eventBus, logicalId));
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("SQS_ENDPOINT", sqs.endpoint().toString());
        env.put("CLOCK_START", ColdStart.SAMPLE_NOW);
        String classPath = String.join(File.pathSeparator, jar(template, logicalId).toString(),
                ColdStart.driverClassPath(root));
        ColdStart.Child child = ColdStart.run(ColdStart.java(), List.of("-cp", classPath,
                FirstInvocation.class.getName(), template.function(logicalId).handlerClass(), event.toString(),
                "cold"), env);
        JsonNode answer = child.answer().isEmpty() ? null : Json.mapper().readTree(child.answer());
        return new Answer(logicalId, jar(template, logicalId).getFileName().toString(), answer,
                Long.parseLong(child.result().get("classes")));
    }

    /**
     * Carries out a queued training run as the bus hands it to the train function, from its jar alone, once
     * {@value #TRAINING_LEADS} leads with 180 days of history and sales verdicts ({@link TrainingTime#generate}) are
     * scored and recorded: Tribuo fits a model with the classes that jar holds.
     */
    Answer carryOutTraining(String runId) throws IOException, InterruptedException {
        recordTrainingHistories();
        JobSegmentReady handOut = trainingRun(runId).handOut();
        Path event = scratch.resolve("training-handed-out.json");
        Files.writeString(event, Json.write(Map.of("version", "0", "detail-type", handOut.detailType(),
                "source", BusEvent.SOURCE, "detail", handOut.detail())));
        return invoke(TRAIN_FUNCTION, event);
    }

    /** The run as the train function left it. */
    TrainingRun trainingRun(String runId) {
        return new TrainingRuns(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable")).run(runId)
                .orElseThrow(() -> new IllegalStateException("no training run " + runId));
    }

    /** Each lead's activities recorded and scored with the shipped model, then its verdicts: at the samples' now. */
    private void recordTrainingHistories() {
        String table = dynamoDb.tableName("LeadScoreTable");
        Clock clock = Clock.fixed(Instant.parse(ColdStart.SAMPLE_NOW), ZoneOffset.UTC);
        Retention retention = Retention.ofDays(Integer.parseInt(LocalFunctions.environment(template, dynamoDb, eventBus,
                TRAIN_FUNCTION).get("RETENTION_DAYS")));
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, retention);
        ScoringRun scoring = new ScoringRun(new LeadStore(dynamoDb.client(), table, clock, retention),
                ModelLoader.defaultModel(), clock);
        for (TrainingTime.Lead lead : TrainingTime.generate("history-", TRAINING_LEADS, clock.instant(),
                new Random(15))) {
            lead.history().forEach(activities::record);
            scoring.apply(new ScoringRun.Group(Map.of(lead.id(), lead.history()), null));
            lead.verdicts().forEach(scoring::feedback);
        }
    }

    /** The messages the splitter sent, as the SQS event that Lambda's poller would hand the chunk loader. */
    private Path queuedMessages() throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (LocalQueue queue : queues.values()) {
            for (String body : queue.bodies()) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("messageId", "m" + records.size());
                record.put("body", body);
                record.put("eventSource", "aws:sqs");
                record.put("eventSourceArn", "arn:aws:sqs:us-east-1:000000000000:" + queue.logicalId());
                records.add(record);
            }
        }
        if (records.isEmpty()) {
            throw new IllegalStateException("the splitter sent no chunk to any queue");
        }
        Path event = scratch.resolve("chunk-messages.json");
        Files.writeString(event, Json.write(Map.of("Records", records)));
        return event;
    }

    /** The result the chunk loader wrote beside the upload, as JSON. */
    JsonNode importResult() throws IOException {
        try (var files = Files.walk(scratch.resolve(BUCKET))) {
            Path result = files.filter(file -> file.getFileName().toString().endsWith(".json")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no import result in the bucket"));
            return Json.mapper().readTree(Files.readAllBytes(result));
        }
    }

    @Override
    public void close() {
        sqs.close();
        s3.close();
        eventBus.close();
        dynamoDb.close();
    }
}
