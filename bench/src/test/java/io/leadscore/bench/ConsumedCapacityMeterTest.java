package io.leadscore.bench;

import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The meter counts what DynamoDB Local says a call consumed, by DynamoDB's rules, in the handlers' own clients (the
 * interceptor is registered for every client of the JVM): plain writes a unit per KB, a transaction two.
 */
class ConsumedCapacityMeterTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final DynamoDbClient client = dynamoDb.client();
    private final String table = dynamoDb.tableName("LeadScoreTable");
    private Meter meter;

    @BeforeEach
    void freshMeter() {
        dynamoDb.freshTables();
        meter = Meter.start(FunctionSizes.of(SamTemplate.locate()));
        ConsumedCapacityMeter.replayTransactions(new TransactionReplay(dynamoDb, SamTemplate.load(SamTemplate.locate())));
    }

    @Test
    void threePutsOfOneAndAHalfKilobytesAreSixWriteUnits() {
        meter.invoke("ScoreFunction", () -> {
            for (int i = 0; i < 3; i++) {
                client.putItem(PutItemRequest.builder().tableName(table).item(item("put-" + i, 1536)).build());
            }
            return null;
        });

        assertEquals(6.0, meter.units("ScoreFunction", LineItem.DYNAMODB_WRITE));
        assertEquals(0.0, meter.units("ScoreFunction", LineItem.DYNAMODB_READ));
    }

    @Test
    void aTransactionOfTwoSmallItemsIsFourWriteUnitsThoughDynamoDbLocalReportsTwo() {
        double reported = meter.invoke("ScoreFunction", () -> transact(put(item("tx-1", 300)), put(item("tx-2", 300))));

        assertEquals(2.0, reported, "DynamoDB Local counts items of equal units once");
        assertEquals(4.0, meter.units("ScoreFunction", LineItem.DYNAMODB_WRITE), "two items, two units each");
    }

    @Test
    void aTransactionCountsEveryItemTwiceItsIndexEntriesIncluded() {
        Map<String, AttributeValue> ranked = new HashMap<>(item("ranked", 300));
        ranked.put("rankShard", AttributeValue.fromS("LEADS#1"));
        ranked.put("rankScore", AttributeValue.fromN("5"));
        client.putItem(PutItemRequest.builder().tableName(table).item(ranked).build());
        ranked.put("rankScore", AttributeValue.fromN("6"));

        double reported = meter.invoke("ScoreFunction", () -> transact(put(item("tx-1", 1500)), put(item("tx-2", 300)),
                put(item("tx-3", 300)), put(ranked)));

        // 2 + 1 + 1 + 1 table units, and the ranked item's index entry moved (a delete and a put): 7, doubled.
        assertEquals(14.0, meter.units("ScoreFunction", LineItem.DYNAMODB_WRITE));
        assertEquals(12.0, reported, "DynamoDB Local's own total counts the two items of 300 bytes once");
    }

    @Test
    void readsAreReadUnitsAndCallsOutsideAnInvocationAreNotCounted() {
        client.putItem(PutItemRequest.builder().tableName(table).item(item("read", 5000)).build());
        meter.invoke("QueryFunction", () -> {
            client.getItem(GetItemRequest.builder().tableName(table).key(key("read")).consistentRead(true).build());
            client.getItem(GetItemRequest.builder().tableName(table).key(key("read")).build());
            return null;
        });

        // 5,000 bytes are two 4 KB units strongly consistent, one eventually consistent.
        assertEquals(3.0, meter.units("QueryFunction", LineItem.DYNAMODB_READ));
        assertEquals(0.0, meter.units("QueryFunction", LineItem.DYNAMODB_WRITE), "the put before is no one's");
    }

    private double transact(TransactWriteItem... items) {
        return client.transactWriteItems(TransactWriteItemsRequest.builder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).transactItems(items).build())
                .consumedCapacity().stream().mapToDouble(ConsumedCapacity::capacityUnits).sum();
    }

    private static TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(LocalDynamoDb.shared().tableName("LeadScoreTable"))
                .item(item).build()).build();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", AttributeValue.fromS("BENCH#" + id), "sk", AttributeValue.fromS("ITEM"));
    }

    /** An item of about {@code bytes} bytes (names and values as DynamoDB sizes them). */
    private static Map<String, AttributeValue> item(String id, int bytes) {
        Map<String, AttributeValue> item = new HashMap<>(key(id));
        int keyBytes = "pk".length() + ("BENCH#" + id).length() + "sk".length() + "ITEM".length();
        item.put("pad", AttributeValue.fromS("x".repeat(bytes - keyBytes - "pad".length())));
        return item;
    }
}
