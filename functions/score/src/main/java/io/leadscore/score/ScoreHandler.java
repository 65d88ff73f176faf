package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.aws.dynamodb.ErasedLeads;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.dynamodb.ScoringRehearsal;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.aws.lambda.StreamHandler;
import io.leadscore.scoring.ScoringRun;

import java.util.Optional;

/**
 * Scores new activities from the table's stream ({@link StreamScoring}): each batch with the revision of the model
 * published when it starts (one read of the model's pointer; the revision itself is read once per container): a
 * publish needs no redeploy, and is in force from the next batch.
 */
public final class ScoreHandler extends StreamHandler<DynamodbEvent, StreamsEventResponse> {
    private final LeadStore leads;
    private final PublishedModel published;
    private final StreamScoring scoring;

    /** The clock, and the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public ScoreHandler() {
        this(Environment.system());
    }

    public ScoreHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.leads = new LeadStore(bootstrap.dynamoDb(), bootstrap.table(), bootstrap.clock(), bootstrap.retention());
        this.published = bootstrap.publishedModel();
        this.scoring = new StreamScoring(ErasedLeads.fence(env, bootstrap.dynamoDb(), bootstrap.table()),
                "score-leads");
        bootstrap.alsoWarm(this::rehearse);
    }

    /**
     * SnapStart's priming: the {@link ScoringRehearsal}'s batches read, scored with the published model and answered
     * as an invocation's are, into the rehearsal's table in memory, so that a restored function's first batch finds
     * the scoring path loaded and run. The table is left as it was.
     *
     * @return the rehearsal, holding what it scored
     */
    ScoringRehearsal rehearse() {
        ScoringRehearsal rehearsal = new ScoringRehearsal(leads);
        for (byte[] batch : ScoringRehearsal.batches(bootstrap.clock().instant())) {
            answer(scoring.apply(event(batch), () -> Optional.of(new ScoringRun(rehearsal, published.now().model(),
                    bootstrap.clock())), Metrics.discarded("score")));
        }
        return rehearsal;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return scoring.apply(event, () -> Optional.of(new ScoringRun(leads, published.now().model(),
                bootstrap.clock())), new Metrics("score"));
    }
}
