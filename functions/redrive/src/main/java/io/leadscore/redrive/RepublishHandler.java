package io.leadscore.redrive;

import com.amazonaws.services.lambda.runtime.Context;
import io.leadscore.aws.lambda.StreamHandler;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.dynamodb.UnpublishedOutbox;
import io.leadscore.aws.events.OutboxPublisher;
import io.leadscore.aws.events.OutboxRepublish;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;
import io.leadscore.aws.lambda.Metrics;

import java.time.Duration;
import java.util.Map;

/**
 * The scheduled re-publish ({@link OutboxRepublish}): outbox rows left unpublished for REPUBLISH_AFTER_MINUTES are put
 * on the bus from the table, since the stream records of their failed publish batch expire. It stops taking pages
 * while a page's work still fits in the invocation's time; the next run goes on where it stopped.
 */
public final class RepublishHandler extends StreamHandler<Map<String, Object>, OutboxRepublish.Outcome> {
    /** Time kept back for the page in work when the next one is refused. */
    static final Duration RESERVE = Duration.ofSeconds(30);

    private final OutboxRepublish republish;

    /** Holds the SnapStart priming, which CRaC holds weakly. */
    private final FunctionBootstrap bootstrap;

    /** Lambda's entry: configuration from the environment. */
    public RepublishHandler() {
        this(Environment.system());
    }

    public RepublishHandler(Environment env) {
        this.bootstrap = new FunctionBootstrap(env);
        this.republish = republish(env, bootstrap);
    }

    /** The re-publish as the environment configures it: the bus, and the delay it leaves the stream. */
    static OutboxRepublish republish(Environment env, FunctionBootstrap bootstrap) {
        int minutes = env.requireInteger("REPUBLISH_AFTER_MINUTES");
        if (minutes < 1) {
            throw new IllegalArgumentException("REPUBLISH_AFTER_MINUTES must be at least 1, not " + minutes);
        }
        OutboxPublisher publisher = new OutboxPublisher(AwsClients.eventBridge(env), env.require("EVENT_BUS_NAME"),
                new Outbox(bootstrap.dynamoDb(), bootstrap.table()), bootstrap.clock());
        return new OutboxRepublish(new UnpublishedOutbox(bootstrap.dynamoDb(), bootstrap.table()), publisher,
                Duration.ofMinutes(minutes), bootstrap.clock());
    }

    @Override
    public OutboxRepublish.Outcome handleRequest(Map<String, Object> input, Context context) {
        OutboxRepublish.Outcome outcome = republish.run(
                () -> context == null || context.getRemainingTimeInMillis() > RESERVE.toMillis());
        if (outcome.found() > 0) {
            Log.info("outbox rows left unpublished were re-published", "outcome", outcome);
        }
        new Metrics("republish").count("Republished", outcome.republished())
                .count("RepublishFailed", outcome.failed()).count("RepublishRepeated", outcome.repeated()).publish();
        return outcome;
    }
}
