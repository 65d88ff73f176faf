package io.leadscore.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment template.yaml gives a function, resolved against the local stand-ins: what the local
 * runtime hands each handler, and what tests hand the handler they build.
 */
public final class LocalFunctions {
    /** Read by the functions' SDK client factory: where DynamoDB is when it is not AWS's. */
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    /** Read by the functions' SDK client factory: where EventBridge is when it is not AWS's. */
    public static final String EVENTBRIDGE_ENDPOINT = "EVENTBRIDGE_ENDPOINT";
    /** Read by the functions' SDK client factory: where Secrets Manager is when it is not AWS's. */
    public static final String SECRETSMANAGER_ENDPOINT = "SECRETSMANAGER_ENDPOINT";

    private LocalFunctions() {
    }

    public static Map<String, String> environment(SamTemplate template, LocalDynamoDb dynamoDb, String functionId) {
        Map<String, String> env = new LinkedHashMap<>(
                template.function(functionId).environment(template.resolver(dynamoDb::tableName)));
        env.put(DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
        if (!template.secrets().isEmpty()) {
            env.put(SECRETSMANAGER_ENDPOINT, LocalSecretsManager.of(template).endpoint().toString());
        }
        env.put("AWS_REGION", LocalAws.REGION.id());
        return env;
    }

    /** The environment over DynamoDB Local and a local event bus, for functions that publish events. */
    public static Map<String, String> environment(SamTemplate template, LocalDynamoDb dynamoDb, LocalEventBus eventBus,
                                                  String functionId) {
        Map<String, String> env = environment(template, dynamoDb, functionId);
        env.put(EVENTBRIDGE_ENDPOINT, eventBus.endpoint().toString());
        return env;
    }

    /** For tests: the function's environment over the JVM's shared DynamoDB Local and the nearest template. */
    public static Map<String, String> environment(String functionId) {
        return environment(SamTemplate.load(SamTemplate.locate()), LocalDynamoDb.shared(), functionId);
    }

    /** For tests: as {@link #environment(String)}, with a local event bus that the test started. */
    public static Map<String, String> environment(LocalEventBus eventBus, String functionId) {
        return environment(SamTemplate.load(SamTemplate.locate()), LocalDynamoDb.shared(), eventBus, functionId);
    }
}
