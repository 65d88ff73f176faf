package io.leadscore.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.scoring.Redrive;
import io.leadscore.scoring.ScoringRun;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the failure records of the stream consumers' on-failure queue (ScoreFailureQueue) and re-scores, from the
 * table, the activities of each failed batch ({@link Redrive}). A message whose redrive fails is reported back to
 * the queue and comes again after its visibility timeout; one that is not a failure record is reported too, so it
 * stays in the queue, where the queue's depth alarm shows it to a person.
 *
 * <p>The publish consumer's failed batches land in the same queue: their records are outbox rows, not activities,
 * and what their span holds in activities is found applied already.
 */
public final class RedriveHandler extends StreamHandler<SQSEvent, SQSBatchResponse> {
    private final Redrive redrive;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public RedriveHandler() {
        this(Environment.system());
    }

    public RedriveHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.redrive = redrive(bootstrap);
    }

    /** The redrive over this table, scoring under the revision published when it runs. */
    static Redrive redrive(FunctionBootstrap bootstrap) {
        LeadStore leads = new LeadStore(bootstrap.dynamoDb(), bootstrap.table(), bootstrap.clock(), bootstrap.retention());
        PublishedModel published = bootstrap.publishedModel();
        return new Redrive(new ActivityStore(bootstrap.dynamoDb(), bootstrap.table(), bootstrap.retention()),
                () -> new ScoringRun(leads, published.now().model(), bootstrap.clock()));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Metrics metrics = new Metrics("redrive");
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Redrive.Outcome total = new Redrive.Outcome(0, 0, 0);
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                FailedBatch batch = FailedBatch.parse(message.getBody());
                Redrive.Outcome outcome = redrive.rescore(batch.firstArrival(), batch.lastArrival());
                Log.info("failed batch redriven", "shardId", batch.shardId(), "startSequenceNumber",
                        batch.startSequenceNumber(), "endSequenceNumber", batch.endSequenceNumber(), "outcome", outcome);
                total = total.plus(outcome);
            } catch (RuntimeException e) {
                Log.error("redriving a failure record failed; it stays in the queue", e, "messageId",
                        message.getMessageId());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        metrics.count("ActivitiesFound", total.found()).count("ActivitiesRescored", total.applied())
                .count("ActivitiesAlreadyScored", total.alreadyApplied()).count("RedrivesFailed", failures.size())
                .publish();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
