package io.leadscore.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.io.IOException;
import java.net.URI;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalDynamoDbTest {

    private static final Map<String, AttributeValue> ITEM = Map.of("pk", AttributeValue.fromS("LEAD#1"), "sk", AttributeValue.fromS("LEAD"));

    @TempDir
    Path directory;

    @Test
    void createsTheTablesOfTheTemplate() {
        LocalDynamoDb db = LocalDynamoDb.shared();
        assertSame(db, LocalDynamoDb.shared());
        TableDef expected = SamTemplate.load(SamTemplate.locate()).table("LeadScoreTable");
        assertEquals("leadscore-local-LeadScoreTable", db.tableName("LeadScoreTable"));

        TableDescription table = db.client().describeTable(request -> request.tableName(db.tableName("LeadScoreTable"))).table();
        assertEquals(expected.keySchema(), table.keySchema());
        assertEquals(new HashSet<>(expected.attributeDefinitions()), new HashSet<>(table.attributeDefinitions()));
        assertTrue(table.streamSpecification().streamEnabled());
        assertEquals(expected.streamViewType().orElseThrow(), table.streamSpecification().streamViewType());
        assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
    }

    @Test
    void freshTablesEmptiesTheTablesAndGivesThemNewStreams() {
        LocalDynamoDb db = LocalDynamoDb.shared();
        String table = db.tableName("LeadScoreTable");
        db.client().putItem(request -> request.tableName(table).item(ITEM));
        String stream = db.client().describeTable(request -> request.tableName(table)).table().latestStreamArn();

        db.freshTables();

        assertEquals(0, db.client().scan(request -> request.tableName(table)).count());
        assertNotEquals(stream, db.client().describeTable(request -> request.tableName(table)).table().latestStreamArn());
    }

    /** In memory, the tables are made again in a new database behind the same endpoint: nothing else may change. */
    @Test
    void freshTablesKeepsTheEndpointTheTablesSettingsAndTheListeners() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        try (LocalDynamoDb db = LocalDynamoDb.builder(template).tablePrefix("fresh-").start()) {
            String table = db.tableName("LeadScoreTable");
            db.client().putItem(request -> request.tableName(table).item(ITEM));
            AtomicInteger tableChanges = new AtomicInteger();
            AtomicInteger writes = new AtomicInteger();
            db.addTableChangeListener(tableChanges::incrementAndGet);
            db.addWriteListener(request -> writes.incrementAndGet());
            URI endpoint = db.endpoint();

            db.freshTables();

            assertEquals(endpoint, db.endpoint());
            assertEquals(template.tables().stream().map(t -> db.tableName(t.logicalId())).sorted().toList(),
                    db.client().listTables().tableNames());
            assertEquals(0, db.client().scan(request -> request.tableName(table)).count());
            assertEquals(TimeToLiveStatus.ENABLED, db.client().describeTimeToLive(request -> request.tableName(table))
                    .timeToLiveDescription().timeToLiveStatus());
            // Listeners run once Jetty's handle returns, which may be after the client has its answer: awaited.
            awaitUntil(() -> tableChanges.get() >= template.tables().size()); // pollers describe the new streams
            int before = writes.get();
            db.client().putItem(request -> request.tableName(table).item(ITEM));
            awaitUntil(() -> writes.get() > before);
            assertEquals(ITEM, db.client().getItem(request -> request.tableName(table).key(ITEM)).item());
        }
    }

    @Test
    void freshTablesEmptiesTheTablesOfADataDirectory() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        try (LocalDynamoDb db = LocalDynamoDb.builder(template).dataDirectory(directory.resolve("data")).start()) {
            String table = db.tableName("LeadScoreTable");
            db.client().putItem(request -> request.tableName(table).item(ITEM));

            db.freshTables();

            assertEquals(0, db.client().scan(request -> request.tableName(table)).count());
            db.client().putItem(request -> request.tableName(table).item(ITEM));
            assertEquals(1, db.client().scan(request -> request.tableName(table)).count());
        }
    }

    /** DynamoDB Local never deletes by TTL; expire does what TTL would have done by a given time, and no more. */
    @Test
    void expireDeletesTheItemsWhoseTimeToLiveHasPassed() {
        LocalDynamoDb db = LocalDynamoDb.shared();
        db.freshTables();
        String table = db.tableName("LeadScoreTable");
        Instant now = Instant.parse("2028-01-01T00:00:00Z");
        Map<String, Long> expiresAt = Map.of("ACT#due", now.getEpochSecond(), "ACT#later", now.getEpochSecond() + 1);
        expiresAt.forEach((sk, at) -> db.client().putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("LEAD#1"), "sk", AttributeValue.fromS(sk),
                "expiresAt", AttributeValue.fromN(Long.toString(at))))));
        db.client().putItem(request -> request.tableName(table).item(ITEM));

        assertEquals(1, db.expire(now));

        assertEquals(List.of("ACT#later", "LEAD"), db.client().scan(request -> request.tableName(table)).items().stream()
                .map(item -> item.get("sk").s()).sorted().toList());
    }

    @Test
    void keepsTheDataOfADataDirectoryAcrossRestarts() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        Path data = directory.resolve("data");
        LocalDynamoDb first = LocalDynamoDb.builder(template).dataDirectory(data).start();
        String table = first.tableName("LeadScoreTable");
        first.client().putItem(request -> request.tableName(table).item(ITEM));
        first.close();
        first.close();
        // A raw socket: an HTTP connection could come from the JDK's keep-alive cache without connecting.
        assertThrows(ConnectException.class, () -> new Socket(first.endpoint().getHost(), first.endpoint().getPort()).close());

        try (LocalDynamoDb second = LocalDynamoDb.builder(template).dataDirectory(data).start()) {
            assertEquals(ITEM, second.client().getItem(request -> request.tableName(table).key(ITEM)).item());
        }
    }

    @Test
    void createsIndexesAndTimeToLiveUnderAGivenPrefix() throws IOException {
        SamTemplate template = SamTemplate.load(Files.writeString(directory.resolve("template.yaml"), """
                Resources:
                  Leads:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      AttributeDefinitions:
                        - {AttributeName: pk, AttributeType: S}
                        - {AttributeName: due, AttributeType: N}
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                      GlobalSecondaryIndexes:
                        - IndexName: byDue
                          KeySchema: [{AttributeName: due, KeyType: HASH}]
                          Projection: {ProjectionType: KEYS_ONLY}
                      TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
                """));
        try (LocalDynamoDb db = LocalDynamoDb.builder(template).tablePrefix("it-").start()) {
            TableDescription table = db.client().describeTable(request -> request.tableName("it-Leads")).table();
            assertEquals("byDue", table.globalSecondaryIndexes().get(0).indexName());
            assertEquals(TimeToLiveStatus.ENABLED, db.client().describeTimeToLive(request -> request.tableName("it-Leads"))
                    .timeToLiveDescription().timeToLiveStatus());
        }
    }

    @Test
    void reportsAPortInUse() {
        int port = LocalDynamoDb.shared().endpoint().getPort();
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> LocalDynamoDb.builder(SamTemplate.load(SamTemplate.locate())).port(port).start());
        assertEquals("cannot start DynamoDB Local on 127.0.0.1:" + port, error.getMessage());
    }

    @Test
    void refusesTableNamesThatDynamoDbWouldReject() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LocalDynamoDb.builder(template).tablePrefix("lead score/").start());
        assertTrue(error.getMessage().contains("'lead score/LeadScoreTable' is not a valid table name"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalDynamoDb.shared().tableName("Leads"));
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s");
            LockSupport.parkNanos(1_000_000);
        }
    }
}
