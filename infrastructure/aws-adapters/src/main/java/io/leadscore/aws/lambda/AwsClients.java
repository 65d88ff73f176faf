package io.leadscore.aws.lambda;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * SDK clients as a Lambda function wants them: the url-connection HTTP client (no Netty or Apache on the
 * class path), region and credentials named outright so the SDK never walks its provider chains at cold
 * start. {@code DYNAMODB_ENDPOINT} points a function at DynamoDB Local or LocalStack.
 */
public final class AwsClients {
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(Environment env) {
        var builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(env.get("AWS_REGION").orElse("us-east-1")))
                .credentialsProvider(credentials(env));
        env.get(DYNAMODB_ENDPOINT).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Environment env) {
        if (env.get(DYNAMODB_ENDPOINT).isPresent()) {
            // Local engines accept any key; never reach for real credentials when testing.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    env.get("AWS_ACCESS_KEY_ID").orElse("local"), env.get("AWS_SECRET_ACCESS_KEY").orElse("local")));
        }
        return EnvironmentVariableCredentialsProvider.create();
    }
}
