package io.leadscore.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/** The fixed identity of local mode (one region, one account, one stack) and the way its SDK clients are built. */
public final class LocalAws {

    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCOUNT_ID = "000000000000";
    public static final String STACK_NAME = "leadscore-local";
    /** Local stand-ins accept any key; fixed ones keep the SDK from looking for real credentials. */
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private LocalAws() {
    }

    /** Builds a client of a local stand-in: its endpoint, the local region and credentials, the URL-connection HTTP client. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }
}
