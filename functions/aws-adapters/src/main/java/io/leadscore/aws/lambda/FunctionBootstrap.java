package io.leadscore.aws.lambda;

import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.PublishedModel;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * What every function builds once per container, in its constructor, so that SnapStart's snapshot holds it: the
 * table's name ({@code TABLE_NAME}) and a DynamoDB client, the clock, and for the functions that apply the model,
 * the published revision of the deployment's model ({@code MODEL_ID}), read from the table. It registers the function's {@link Priming}, which CRaC holds only weakly: a
 * handler keeps its bootstrap in a field.
 */
public final class FunctionBootstrap {
    private final Environment env;
    private final String table;
    private final DynamoDbClient dynamoDb;
    private final Clock clock;
    /** Held so that the priming hook lives as long as the handler; it also warms the published model. */
    private final Priming priming;

    public FunctionBootstrap(Environment env) {
        this.env = env;
        this.table = env.require("TABLE_NAME");
        this.dynamoDb = AwsClients.dynamoDb(env);
        this.clock = Clocks.from(env);
        this.priming = Priming.register(env);
    }

    /** Work of the function's own for SnapStart's priming to do before the snapshot ({@link Priming#alsoWarm}). */
    public void alsoWarm(Runnable warmUp) {
        priming.alsoWarm(warmUp);
    }

    /** The rest of the function's configuration. */
    public Environment env() {
        return env;
    }

    public String table() {
        return table;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * How long activities and ledger entries are kept ({@code RETENTION_DAYS}, the template's {@code RetentionDays}),
     * for the functions that write them.
     */
    public Retention retention() {
        return Retention.ofDays(env.requireInteger("RETENTION_DAYS"));
    }

    /** The id of the model the deployment scores with ({@code MODEL_ID}, the template's {@code ModelId}). */
    public String modelId() {
        return env.require("MODEL_ID");
    }

    /**
     * The deployment's model as published in the table, cached for the container: a new instance, with a cache of
     * its own, on each call, so call it once. Reads nothing until it is first asked, or SnapStart's priming reads it
     * into the snapshot (seeding revision 1 then, at deployment, if the table has none).
     */
    public PublishedModel publishedModel() {
        PublishedModel published = new PublishedModel(new ModelStore(dynamoDb, table), modelId(), this::modelSeed,
                clock);
        priming.alsoWarm(published::now);
        return published;
    }

    /**
     * What revision 1 is seeded from when the table has no revision of the model yet: {@code MODEL_PATH}'s file (a
     * local option and a test hook; nothing packages a file for AWS), else the shipped default.
     */
    public ModelSeed modelSeed() {
        return ModelSeed.of(env.get("MODEL_PATH").orElse(null));
    }
}
