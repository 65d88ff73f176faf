package io.leadscore.bench;

import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The breakdown of a function's writes by kind adds up to the write units the meter counted from DynamoDB Local. */
class WriteBreakdownTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final DynamoDbClient client = dynamoDb.client();
    private final String table = dynamoDb.tableName("LeadScoreTable");

    @AfterEach
    void stopBreakingDown() {
        ConsumedCapacityMeter.breakDownWrites(null);
    }

    @Test
    void aRankedLeadPutAndATransactionOfTwoLedgerEntriesAddUpToTheMetersUnits() {
        dynamoDb.freshTables();
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        Meter meter = Meter.start(FunctionSizes.of(template.file()));
        ConsumedCapacityMeter.replayTransactions(new TransactionReplay(dynamoDb, template));
        ConsumedCapacityMeter.breakDownWrites(new ItemWrites(dynamoDb, template));

        meter.invoke("ScoreFunction", () -> {
            client.putItem(PutItemRequest.builder().tableName(table).item(Map.of("pk", s("LEAD#l1"), "sk", s("LEAD"),
                    "rankShard", s("LEADS#1"), "rankScore", AttributeValue.fromN("42"))).build());
            return client.transactWriteItems(r -> r.transactItems(ledger("e1"), ledger("e2")));
        });

        assertEquals(2.0, meter.writes().units("ScoreFunction", "LEAD#/LEAD"), "1 unit, 1 RankIndex unit");
        assertEquals(4.0, meter.writes().units("ScoreFunction", "LEAD#/LEDGER#"), "2 small items, doubled");
        assertEquals(meter.units("ScoreFunction", LineItem.DYNAMODB_WRITE),
                meter.writes().units("ScoreFunction", "LEAD#/LEAD")
                        + meter.writes().units("ScoreFunction", "LEAD#/LEDGER#"));
    }

    private TransactWriteItem ledger(String eventId) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("pk", s("LEAD#l1"), "sk", s("LEDGER#" + eventId), "points", AttributeValue.fromN("5")))
                .build()).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
