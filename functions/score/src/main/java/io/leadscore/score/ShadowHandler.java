package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.aws.dynamodb.ErasedLeads;
import io.leadscore.aws.dynamodb.ShadowScoring;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Metrics;
import io.leadscore.aws.lambda.StreamHandler;

/**
 * Scores new activities from the table's stream in shadow, under the model's challenger revision while a challenge
 * runs ({@link ShadowScoring}): the same records as the score function, through the same exactly-once run, into the
 * challenger's own keys. A function of its own on the stream, so that a challenger that fails or runs slow retries
 * and falls behind alone: live scoring never waits for it, and it writes nothing live (no lead, ledger, account,
 * counter or outbox row). With no challenge running, a batch costs one GetItem.
 */
public final class ShadowHandler extends StreamHandler<DynamodbEvent, StreamsEventResponse> {
    private final ShadowScoring shadow;
    private final StreamScoring scoring;
    /** The clock, and the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public ShadowHandler() {
        this(Environment.system());
    }

    public ShadowHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.shadow = new ShadowScoring(bootstrap.dynamoDb(), bootstrap.table(), bootstrap.clock(),
                bootstrap.retention(), bootstrap.modelId());
        this.scoring = new StreamScoring(ErasedLeads.fence(env, bootstrap.dynamoDb(), bootstrap.table()),
                "shadow-leads");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return scoring.apply(event, shadow::now, new Metrics("shadow"));
    }
}
