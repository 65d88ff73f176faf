package io.leadscore.aws.dynamodb;

import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same store contract on LocalStack, where a Docker engine is present; skipped (not failed) where none
 * is, as on the build machines of this project.
 */
@Testcontainers(disabledWithoutDocker = true)
class LeadTableOnLocalStackTest extends LeadTableContract {
    /** Pinned: newer LocalStack images want an auth token. */
    @Container
    private static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8.1"))
                    .withServices(LocalStackContainer.Service.DYNAMODB);

    private static final String TABLE = "leadscore-localstack";
    private static DynamoDbClient client;

    @BeforeAll
    static void connect() {
        client = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    DynamoDbClient client() {
        return client;
    }

    @Override
    String table() {
        return TABLE;
    }

    @Override
    void emptyTable() {
        if (client.listTables().tableNames().contains(TABLE)) {
            client.deleteTable(b -> b.tableName(TABLE));
        }
        client.createTable(SamTemplate.load(SamTemplate.locate()).table("LeadScoreTable").toCreateTableRequest(TABLE));
        client.waiter().waitUntilTableExists(b -> b.tableName(TABLE));
    }
}
