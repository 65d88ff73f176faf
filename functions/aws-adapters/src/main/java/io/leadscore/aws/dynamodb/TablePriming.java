package io.leadscore.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One request of each kind the stores send to the table, made so that none changes anything: the keys are ones no
 * item has (every partition key the stores write has a prefix ending in '#', as LEAD# or WRITEKEY#), reads find
 * nothing, each write is conditioned on its item existing, so DynamoDB refuses it (the transaction is cancelled
 * whole), and the batch write deletes an item that is not there. SnapStart's priming sends them before the snapshot:
 * each operation's marshalling, signing and reading of the answer or the refusal is then loaded and run once, and the
 * first invocation after a restore does not pay for it.
 */
public final class TablePriming {
    /** The partition key of the items that are never there. */
    static final String NO_ITEM = "PRIMING";
    private static final String EXISTS = "attribute_exists(#pk)";
    private static final Map<String, String> PK_NAME = Map.of("#pk", LeadTable.PK);

    private TablePriming() {
    }

    /** The requests by operation name, in the order they are sent. */
    public static Map<String, Consumer<DynamoDbClient>> requests(String table) {
        Map<String, Consumer<DynamoDbClient>> requests = new LinkedHashMap<>();
        requests.put("GetItem", dynamo -> dynamo.getItem(r -> r.tableName(table).key(key(0)).consistentRead(true)));
        requests.put("Query", dynamo -> dynamo.query(r -> r.tableName(table).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(PK_NAME).expressionAttributeValues(Map.of(":pk", key(0).get(LeadTable.PK)))
                .limit(1)));
        requests.put("BatchGetItem", dynamo -> dynamo.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(key(0), key(1)).consistentRead(true).build()))));
        requests.put("Scan", dynamo -> dynamo.scan(r -> r.tableName(table).limit(1)));
        requests.put("PutItem", dynamo -> dynamo.putItem(r -> r.tableName(table).item(key(0))
                .conditionExpression(EXISTS).expressionAttributeNames(PK_NAME)));
        requests.put("UpdateItem", dynamo -> dynamo.updateItem(r -> r.tableName(table).key(key(0))
                .updateExpression("ADD primed :one").conditionExpression(EXISTS).expressionAttributeNames(PK_NAME)
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));
        requests.put("DeleteItem", dynamo -> dynamo.deleteItem(r -> r.tableName(table).key(key(0))
                .conditionExpression(EXISTS).expressionAttributeNames(PK_NAME)));
        requests.put("TransactWriteItems", dynamo -> dynamo.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key(0))
                        .conditionExpression(EXISTS).expressionAttributeNames(PK_NAME).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(key(1))
                        .conditionExpression(EXISTS).expressionAttributeNames(PK_NAME).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(2))
                        .updateExpression("ADD primed :one").conditionExpression(EXISTS)
                        .expressionAttributeNames(PK_NAME)
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(3))
                        .conditionExpression(EXISTS).expressionAttributeNames(PK_NAME).build()).build())));
        requests.put("BatchWriteItem", dynamo -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, List.of(
                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key(0)).build()).build())))));
        return requests;
    }

    /** Sends each request, the refusals being what is expected; one failing for another reason skips none. */
    public static void run(DynamoDbClient dynamo, String table) {
        requests(table).values().forEach(request -> {
            try {
                request.accept(dynamo);
            } catch (RuntimeException expected) {
                // Refused (as meant, or without permission) or unreachable: most of the work is done all the same.
            }
        });
    }

    private static Map<String, AttributeValue> key(int item) {
        return LeadTable.key(NO_ITEM, NO_ITEM + item);
    }
}
