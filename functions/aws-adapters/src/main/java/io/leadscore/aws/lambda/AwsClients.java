package io.leadscore.aws.lambda;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;

/**
 * SDK clients as a Lambda function wants them: the url-connection HTTP client (no Netty or Apache on the
 * class path), region and credentials named outright so the SDK never walks its provider chains at cold
 * start. {@code DYNAMODB_ENDPOINT}, {@code EVENTBRIDGE_ENDPOINT} and {@code SECRETSMANAGER_ENDPOINT} point a function
 * at local stand-ins.
 */
public final class AwsClients {
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String EVENTBRIDGE_ENDPOINT = "EVENTBRIDGE_ENDPOINT";
    public static final String SECRETSMANAGER_ENDPOINT = "SECRETSMANAGER_ENDPOINT";

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(Environment env) {
        return configure(DynamoDbClient.builder(), env, DYNAMODB_ENDPOINT);
    }

    public static EventBridgeClient eventBridge(Environment env) {
        return configure(EventBridgeClient.builder(), env, EVENTBRIDGE_ENDPOINT);
    }

    public static SecretsManagerClient secretsManager(Environment env) {
        return configure(SecretsManagerClient.builder(), env, SECRETSMANAGER_ENDPOINT);
    }

    /**
     * Configures the client of a service the adapters do not name (the bulk import's S3 and SQS), as the others:
     * {@code endpointVariable} points it at a local stand-in.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(
            B builder, Environment env, String endpointVariable) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(env.get("AWS_REGION").orElse("us-east-1")))
                .credentialsProvider(credentials(env, endpointVariable));
        env.get(endpointVariable).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Environment env, String endpointVariable) {
        if (env.get(endpointVariable).isPresent()) {
            // Local engines accept any key; never reach for real credentials when testing.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    env.get("AWS_ACCESS_KEY_ID").orElse("local"), env.get("AWS_SECRET_ACCESS_KEY").orElse("local")));
        }
        // With SnapStart, Lambda serves credentials from a container endpoint instead of the usual variables.
        return env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
    }
}
