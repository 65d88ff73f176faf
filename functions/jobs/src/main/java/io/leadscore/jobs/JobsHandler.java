package io.leadscore.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.leadscore.announcement.BusEvent;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.LeadScan;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.aws.lambda.Parallel;

import java.time.Duration;

/**
 * A segment of a re-score or backtest job, from the event bus ({@code JobSegmentReady}): the {@link SegmentWorker}
 * goes through it until it is done or the invocation's time runs short, then hands it on. EventBridge invokes the
 * function asynchronously: an exception makes Lambda invoke it again with the same event, which resumes from the
 * segment's cursor, and at last keeps the event in the dead-letter queue.
 *
 * <p>Environment: {@code TABLE_NAME}; {@code RESCORE_SETTLE_SECONDS} (the score function's timeout);
 * optionally {@code JOB_PAGE_SIZE} (lead index entries per page, 100).
 */
public final class JobsHandler extends StreamHandler<ScheduledEvent, Void> {
    /** The template's Timeout, assumed when no Lambda context tells the time left. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(900);
    /** Leads re-scored or replayed at once: round trips to DynamoDB overlap. */
    private static final int LEADS_AT_ONCE = 8;

    private final SegmentWorker worker;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public JobsHandler() {
        this(Environment.system());
    }

    public JobsHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        var dynamo = bootstrap.dynamoDb();
        String table = bootstrap.table();
        this.worker = new SegmentWorker(new JobStore(dynamo, table), new LeadScan(dynamo, table),
                new LeadStore(dynamo, table, bootstrap.clock(), bootstrap.retention()), new ModelStore(dynamo, table),
                bootstrap.clock(),
                new Parallel(LEADS_AT_ONCE, "jobs-lead"), env.integer("JOB_PAGE_SIZE", 100),
                Duration.ofSeconds(Integer.parseInt(env.require("RESCORE_SETTLE_SECONDS"))));
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        Metrics metrics = new Metrics("jobs");
        try {
            JobSegmentReady segment = read(event);
            long deadline = System.currentTimeMillis()
                    + (context == null ? TIME_LIMIT.toMillis() : context.getRemainingTimeInMillis());
            SegmentWorker.Result result = worker.run(segment, () -> deadline - System.currentTimeMillis());
            metrics.count("Pages", result.pages()).count("Leads", result.leads())
                    .count("LeadsChanged", result.changed()).count("LeadsFailed", result.errors())
                    .count("SegmentsDone", result.outcome() == SegmentWorker.Outcome.DONE ? 1 : 0)
                    .count("HandedOver", result.outcome() == SegmentWorker.Outcome.HANDED_OVER ? 1 : 0);
            Log.info("segment worked on", "jobId", segment.jobId(), "segment", segment.segment(),
                    "attempt", segment.attempt(), "outcome", result.outcome(), "leads", result.leads());
            return null;
        } finally {
            metrics.publish();
        }
    }

    private static JobSegmentReady read(ScheduledEvent event) {
        try {
            return (JobSegmentReady) BusEvent.read(event.getDetailType(), event.getDetail());
        } catch (IllegalArgumentException | ClassCastException e) {
            // Retrying cannot help, but failing keeps the event: Lambda sends it to the dead-letter queue.
            Log.error("not an event this function can read", e, "eventId", event.getId());
            throw e;
        }
    }
}
