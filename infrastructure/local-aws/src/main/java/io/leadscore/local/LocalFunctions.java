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

    private LocalFunctions() {
    }

    public static Map<String, String> environment(SamTemplate template, LocalDynamoDb dynamoDb, String functionId) {
        Map<String, String> env = new LinkedHashMap<>(
                template.function(functionId).environment(template.resolver(dynamoDb::tableName)));
        env.put(DYNAMODB_ENDPOINT, dynamoDb.endpoint().toString());
        env.put("AWS_REGION", LocalAws.REGION.id());
        return env;
    }

    /** For tests: the function's environment over the JVM's shared DynamoDB Local and the nearest template. */
    public static Map<String, String> environment(String functionId) {
        return environment(SamTemplate.load(SamTemplate.locate()), LocalDynamoDb.shared(), functionId);
    }
}
