package io.leadscore.bench;

import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The write breakdown's arithmetic on hand-computed items, and the kinds it names them by. */
class ItemWriteCostTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private final ItemWriteCost cost = new ItemWriteCost(TEMPLATE.table("LeadScoreTable"));

    /**
     * pk "LEAD#a" 2+6, sk "LEAD" 2+4, rankShard "LEADS#1" 9+7, rankScore 42 9+2, note 4+1500: 1545 bytes, 2 units;
     * its RankIndex entry (keys and projected attributes, not note) 41 bytes, 1 unit; no dueShard, no DueIndex entry.
     */
    private static Map<String, AttributeValue> ranked(String shard) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("LEAD#a"));
        item.put("sk", AttributeValue.fromS("LEAD"));
        item.put("rankShard", AttributeValue.fromS(shard));
        item.put("rankScore", AttributeValue.fromN("42"));
        item.put("note", AttributeValue.fromS("x".repeat(1500)));
        return item;
    }

    @Test
    void aNewLeadOfFifteenHundredBytesCostsTwoTableUnitsAndOneRankIndexUnit() {
        ItemWriteCost.Write write = cost.of(null, ranked("LEADS#1"), false);

        assertEquals(1545, write.bytes());
        assertEquals(2.0, write.tableUnits());
        assertEquals(Map.of("RankIndex", 1.0), write.indexUnits());
        assertEquals("LEAD#/LEAD", write.kind());
    }

    @Test
    void aTransactionDoublesTheTableAndTheIndexUnits() {
        ItemWriteCost.Write write = cost.of(null, ranked("LEADS#1"), true);

        assertEquals(4.0, write.tableUnits());
        assertEquals(Map.of("RankIndex", 2.0), write.indexUnits());
    }

    @Test
    void aMovedIndexKeyDeletesAndPutsTheEntryAndAnUnprojectedChangeCostsTheIndexNothing() {
        Map<String, AttributeValue> noteChanged = ranked("LEADS#1");
        noteChanged.put("note", AttributeValue.fromS("y".repeat(100)));

        assertEquals(Map.of("RankIndex", 2.0), cost.of(ranked("LEADS#1"), ranked("LEADS#2"), false).indexUnits());
        assertEquals(Map.of(), cost.of(ranked("LEADS#1"), noteChanged, false).indexUnits());
        assertEquals(2.0, cost.of(ranked("LEADS#1"), noteChanged, false).tableUnits(), "the larger image bills");
    }

    @Test
    void itemKindsAreNamedFromTheirKeysPrefixes() {
        List<String> keys = List.of("pk", "sk");
        assertEquals("LEAD#/LEDGER#", ItemKind.of(Map.of("pk", AttributeValue.fromS("LEAD#lead-1"),
                "sk", AttributeValue.fromS("LEDGER#2026-12-01T10:00:00Z#e1")), keys));
        assertEquals("ACT#/ACT#", ItemKind.of(Map.of("pk", AttributeValue.fromS("ACT#lead-1"),
                "sk", AttributeValue.fromS("ACT#e1")), keys));
        assertEquals("COUNT#/*", ItemKind.of(Map.of("pk", AttributeValue.fromS("COUNT#scored#2026-12"),
                "sk", AttributeValue.fromS("2026-12-01#acme#3")), keys));
        assertEquals("COUNT#/*", ItemKind.of(Map.of("pk", AttributeValue.fromS("COUNT#scored"),
                "sk", AttributeValue.fromS("#3")), keys));
        assertEquals("*/*", ItemKind.of(Map.of("pk", AttributeValue.fromS("lead-1"),
                "sk", AttributeValue.fromS("e1")), keys));
    }

    @Test
    void dynamoDbLocalReportsTheSameTableAndIndexUnitsForASinglePut() {
        LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
        dynamoDb.freshTables();
        ConsumedCapacity reported = dynamoDb.client().putItem(PutItemRequest.builder()
                .tableName(dynamoDb.tableName("LeadScoreTable")).item(ranked("LEADS#1"))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build()).consumedCapacity();
        ItemWriteCost.Write computed = cost.of(null, ranked("LEADS#1"), false);

        assertEquals(computed.tableUnits(), reported.table().capacityUnits());
        assertEquals(computed.indexUnits(), reported.globalSecondaryIndexes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().capacityUnits())));
        assertEquals(computed.units(), reported.capacityUnits());
    }
}
