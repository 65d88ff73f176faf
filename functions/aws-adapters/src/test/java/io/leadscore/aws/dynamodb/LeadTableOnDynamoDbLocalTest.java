package io.leadscore.aws.dynamodb;

import io.leadscore.local.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store contract on DynamoDB Local, in-process: runs everywhere. */
class LeadTableOnDynamoDbLocalTest extends LeadTableContract {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Override
    DynamoDbClient client() {
        return dynamoDb.client();
    }

    @Override
    String table() {
        return dynamoDb.tableName("LeadScoreTable");
    }

    @Override
    void emptyTable() {
        dynamoDb.freshTables();
    }
}
