package io.leadscore.aws.dynamodb;

import io.leadscore.local.LocalDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SnapStart's requests against the real table engine: one of each operation the stores send reaches DynamoDB Local,
 * the writes are refused for their conditions, the reads find nothing, and the table is left as it was.
 */
class TablePrimingTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Test
    void everyOperationIsSentAndNothingChanges() {
        dynamoDb.freshTables();
        DynamoDbClient dynamo = dynamoDb.client();
        String table = dynamoDb.tableName("LeadScoreTable");
        dynamo.putItem(r -> r.tableName(table).item(Map.of(LeadTable.PK, AttributeValue.fromS("LEAD#dana"),
                LeadTable.SK, AttributeValue.fromS("LEAD"), "score", AttributeValue.fromN("42"))));
        List<Map<String, AttributeValue>> before = dynamo.scan(r -> r.tableName(table).consistentRead(true)).items();

        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, Consumer<DynamoDbClient>> request : TablePriming.requests(table).entrySet()) {
            try {
                request.getValue().accept(dynamo);
                outcomes.put(request.getKey(), "answered");
            } catch (ConditionalCheckFailedException | TransactionCanceledException refused) {
                outcomes.put(request.getKey(), refused.getClass().getSimpleName());
            }
        }

        Map<String, String> expected = new LinkedHashMap<>();
        List.of("GetItem", "Query", "BatchGetItem", "Scan").forEach(read -> expected.put(read, "answered"));
        List.of("PutItem", "UpdateItem", "DeleteItem")
                .forEach(write -> expected.put(write, "ConditionalCheckFailedException"));
        expected.put("TransactWriteItems", "TransactionCanceledException");
        expected.put("BatchWriteItem", "answered");
        assertEquals(expected, outcomes);
        assertEquals(before, dynamo.scan(r -> r.tableName(table).consistentRead(true)).items());
    }
}
