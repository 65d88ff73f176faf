package io.leadscore.aws.dynamodb;

import io.leadscore.local.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store contract on DynamoDB Local, in-process: runs everywhere. */
class LeadTableOnDynamoDbLocalTest extends LeadTableContract {
    private final LocalAws aws = LocalAws.shared();

    @Override
    DynamoDbClient client() {
        return aws.dynamoDb().client();
    }

    @Override
    String table() {
        return aws.dynamoDb().tableName("LeadScoreTable");
    }

    @Override
    void emptyTable() {
        aws.resetTables();
    }
}
