package io.leadscore.aws.lambda;

import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/**
 * What every function builds once per container, in its constructor, so that SnapStart's snapshot holds it: the
 * table's name ({@code TABLE_NAME}) and a DynamoDB client, the clock, and for the functions that apply the model,
 * the model ({@code MODEL_PATH}). It registers the function's {@link Priming}, which CRaC holds only weakly: a
 * handler keeps its bootstrap in a field.
 */
public final class FunctionBootstrap {
    private final Environment env;
    private final String table;
    private final DynamoDbClient dynamoDb;
    private final Clock clock;
    /** Never read: held so that the priming hook lives as long as the handler. */
    private final Priming priming;

    public FunctionBootstrap(Environment env) {
        this.env = env;
        this.table = env.require("TABLE_NAME");
        this.dynamoDb = AwsClients.dynamoDb(env);
        this.clock = Clocks.from(env);
        this.priming = Priming.register(env);
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

    /** The model at {@code MODEL_PATH}, else the shipped default; read and checked on each call, so call it once. */
    public ScoringModel model() {
        return ModelLoader.load(modelPath());
    }

    /** {@code MODEL_PATH}, or null for the shipped default: for a function that reads the model's text itself. */
    public String modelPath() {
        return env.get("MODEL_PATH").orElse(null);
    }
}
