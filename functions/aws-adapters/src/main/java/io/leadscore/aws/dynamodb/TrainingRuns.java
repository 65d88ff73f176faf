package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.prediction.TrainingRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Training runs in the table, each in its job partition ({@code JOB#<runId>}/{@code TRAINING}), handed to the train
 * function as backtests hand their segments to the jobs function: a {@code JobSegmentReady} of type
 * {@value JobSegmentReady#TRAINING} in the outbox, written with the run.
 *
 * <p>One run at a time per model: a guard item ({@code MODEL#<id>}/{@code TRAINING}) names the run that holds it, until
 * its lease ends; it is taken in the run's start transaction and given back when the run ends. A lease that ends frees
 * a model whose run died without ending (the queued event lost, the function killed).
 */
public final class TrainingRuns {
    static final String RUN_SK = "TRAINING";
    static final String GUARD_SK = "TRAINING";
    /** A report's JSON is a few kilobytes (ten features, ten deciles): this bounds the item far below 400 KB. */
    public static final int MAX_REPORT_CHARS = 100_000;
    public static final int MAX_ERROR_CHARS = 2_000;
    /** A queued run's lease: its event may wait up to an hour on the bus (the rule's retries), then runs 15 minutes. */
    static final Duration QUEUED_LEASE = Duration.ofMinutes(80);
    /** A running run's lease: the function's timeout, and a margin. */
    static final Duration RUNNING_LEASE = Duration.ofMinutes(16);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Outbox outbox;

    public TrainingRuns(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = new Outbox(dynamo, table);
    }

    /** The model's guard, as its item keeps it. */
    record Guard(String runId, Instant until) {
    }

    /** Another run holds the model's guard. */
    public static final class Busy extends RuntimeException {
        private final String runId;

        Busy(String modelId, String runId) {
            super("model '" + modelId + "' is training already: run " + runId);
            this.runId = runId;
        }

        public String runId() {
            return runId;
        }
    }

    /**
     * Queues a run of the model against {@code published}, its published revision.
     *
     * @throws Busy when a run of the model holds its guard
     */
    public TrainingRun queue(String modelId, int published, TrainingRequest request, String author, Instant now) {
        TrainingRun run = TrainingRun.queued("train-" + UUID.randomUUID(), modelId, request, published, now, author);
        start(run, now);
        return run;
    }

    /**
     * Writes the queued run, the guard and the event that hands the run to the train function, all or nothing.
     *
     * @throws Busy when another run of the model holds the guard
     */
    void start(TrainingRun run, Instant now) {
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    guard(run, now.plus(QUEUED_LEASE), "attribute_not_exists(pk) OR #until < :now", now),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(run))
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    outbox.putOnce(run.handOut(), now)).build());
        } catch (TransactionCanceledException e) {
            throw new Busy(run.modelId(), holder(run.modelId()).map(Guard::runId).orElse("(just ended)"));
        }
    }

    public Optional<TrainingRun> run(String runId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(JobStore.pk(runId), RUN_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(LeadTable.fromItem(item, TrainingRun.class));
    }

    /**
     * Marks a queued run running, and renews its lease for the run's time, if it still holds the guard.
     *
     * @return the running run; empty when it is not queued (an event delivered twice) or lost its guard
     */
    public Optional<TrainingRun> begin(TrainingRun queued, Instant now) {
        TrainingRun running = queued.running(now);
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    guard(running, now.plus(RUNNING_LEASE), "runId = :run", now),
                    write(running, TrainingRun.QUEUED)).build());
            return Optional.of(running);
        } catch (TransactionCanceledException e) {
            return Optional.empty();
        }
    }

    /** Ends a running run with its report (and its draft's number), and gives the guard back. */
    public TrainingRun finish(TrainingRun running, long leads, String reportJson, Integer draft, Instant now) {
        if (reportJson.length() > MAX_REPORT_CHARS) {
            return fail(running, "the report is " + reportJson.length() + " characters, more than the "
                    + MAX_REPORT_CHARS + " a run keeps", now);
        }
        return end(running, running.done(leads, reportJson, draft, now));
    }

    /** Ends a run as failed, saying why, and gives the guard back. */
    public TrainingRun fail(TrainingRun run, String why, Instant now) {
        String error = why == null ? "unknown" : why.length() > MAX_ERROR_CHARS ? why.substring(0, MAX_ERROR_CHARS)
                : why;
        return end(run, run.failed(error, now));
    }

    private TrainingRun end(TrainingRun read, TrainingRun ended) {
        Delete release = Delete.builder().tableName(table).key(LeadTable.key(ModelStore.pk(read.modelId()), GUARD_SK))
                .conditionExpression("attribute_not_exists(pk) OR runId = :run")
                .expressionAttributeValues(Map.of(":run", AttributeValue.fromS(read.runId()))).build();
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().delete(release).build(), write(ended, read.status())).build());
        return ended;
    }

    /** The run that holds the model's guard now, if one does. */
    public Optional<Guard> holder(String modelId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(ModelStore.pk(modelId), GUARD_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadTable.fromItem(item, Guard.class));
    }

    private TransactWriteItem guard(TrainingRun run, Instant until, String condition, Instant now) {
        Map<String, AttributeValue> values = condition.contains(":now")
                ? Map.of(":now", AttributeValue.fromS(now.toString()))
                : Map.of(":run", AttributeValue.fromS(run.runId()));
        Put.Builder put = Put.builder().tableName(table).item(LeadTable.item(ModelStore.pk(run.modelId()), GUARD_SK,
                        LeadTable.TRAINING_GUARD, new Guard(run.runId(), until)))
                .conditionExpression(condition).expressionAttributeValues(values);
        if (condition.contains("#until")) {
            put.expressionAttributeNames(Map.of("#until", "until"));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem write(TrainingRun run, String expectedStatus) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(run))
                .conditionExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(expectedStatus))).build()).build();
    }

    private static Map<String, AttributeValue> item(TrainingRun run) {
        return LeadTable.item(JobStore.pk(run.runId()), RUN_SK, LeadTable.TRAINING, run);
    }
}
