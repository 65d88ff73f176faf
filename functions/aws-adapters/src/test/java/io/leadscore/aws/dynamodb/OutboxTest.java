package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.Announcement;
import io.leadscore.announcement.BusEvent;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.lead.Crossing;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.Threshold;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox on DynamoDB Local: each bus event in the partition it belongs to, stored once whether written alone or in
 * a transaction of the caller's, and only the leads' and accounts' announcements in the notification feed.
 */
class OutboxTest {
    private static final Instant NOW = Instant.parse("2026-10-31T10:00:02Z");
    private static final ModelReviewDue REVIEW_DUE = new ModelReviewDue("default", 3,
            Instant.parse("2026-10-31T09:14:05Z"), Instant.parse("2026-09-01T09:14:05Z"));
    private static final JobSegmentReady SEGMENT_READY = new JobSegmentReady("job-7f3a", JobSegmentReady.RESCORE,
            "default", 3, 2, 8, 1);
    private static final Crossing DANA_QUALIFIED = new Crossing(Crossing.Kind.QUALIFIED, "dana/salesReady/1", "dana",
            null, null, new Threshold("salesReady", 100, 90), 105, "default@3", NOW, "evt-7", List.of(),
            Map.of("email", "dana@acme.example"), null, null, null);

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private DynamoDbClient dynamo;
    private String table;
    private Outbox outbox;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        dynamo = dynamoDb.client();
        table = dynamoDb.tableName("LeadScoreTable");
        outbox = new Outbox(dynamo, table);
    }

    @Test
    void aModelsReviewReminderIsStoredInTheModelsPartitionUnderItsDueDate() {
        assertTrue(outbox.storeOnce(REVIEW_DUE, NOW));

        Map<String, AttributeValue> item = item("MODEL#default", "OUTBOX#model:default/review/2026-10-31#ModelReviewDue");
        assertEquals(Set.of("pk", "sk", "kind", "qualificationId", "detailType", "detail", "createdAt", "dueShard",
                "dueAt"), item.keySet(), "no lead, no account, and no place in the notification feed");
        assertEquals(DueIndex.format(NOW), item.get("dueAt").s(), "unpublished since it was written");
        int shard = Integer.parseInt(item.get("dueShard").n());
        assertTrue(shard >= 200 && shard <= 203, "on the unpublished outbox's shards, apart from the leads': " + shard);
        assertEquals("outbox", item.get("kind").s(), "what the publish function's stream filter lets through");
        Outbox.Record record = outbox.forModel("default").get(0);
        assertEquals("MODEL#default", record.partition());
        assertEquals("model:default/review/2026-10-31", record.qualificationId());
        assertEquals(REVIEW_DUE, record.event());
        assertEquals(NOW, record.createdAt());
        assertNull(record.publishedAt());
    }

    @Test
    void aJobsSegmentIsStoredInTheJobsPartitionUnderItsAttempt() {
        assertTrue(outbox.storeOnce(SEGMENT_READY, NOW));
        assertTrue(outbox.storeOnce(new JobSegmentReady("job-7f3a", JobSegmentReady.RESCORE, "default", 3, 2, 8, 2),
                NOW.plusSeconds(900)), "handed out again: a new attempt");

        Map<String, AttributeValue> item = item("JOB#job-7f3a", "OUTBOX#job-7f3a/segment/2/1#JobSegmentReady");
        assertFalse(item.containsKey("rankShard") || item.containsKey("rankScore"));
        assertEquals(List.of("job-7f3a/segment/2/1", "job-7f3a/segment/2/2"),
                outbox.forJob("job-7f3a").stream().map(Outbox.Record::qualificationId).toList());
        assertEquals(SEGMENT_READY, outbox.forJob("job-7f3a").get(0).event());
    }

    @Test
    void anEventStoredAloneIsStoredOnce() {
        assertTrue(outbox.storeOnce(REVIEW_DUE, NOW));
        assertFalse(outbox.storeOnce(REVIEW_DUE, NOW.plusSeconds(3600)), "the next hour's run finds it there");
        assertFalse(outbox.storeOnce(new ModelReviewDue("default", 4, Instant.parse("2026-10-31T23:00:00Z"),
                REVIEW_DUE.firstPublishedAt()), NOW.plusSeconds(7200)), "one reminder a day");

        assertEquals(1, outbox.forModel("default").size());
        assertEquals(NOW, outbox.forModel("default").get(0).createdAt(), "the first is kept as it was");
    }

    @Test
    void anEventInTheCallersTransactionIsWrittenWithItOnceAndCancelsItAfterwards() {
        dynamo.transactWriteItems(request -> request.transactItems(outbox.putOnce(REVIEW_DUE, NOW),
                marker("first")));

        TransactionCanceledException again = assertThrows(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(request -> request.transactItems(
                        outbox.putOnce(REVIEW_DUE, NOW.plusSeconds(60)), marker("second"))));

        assertEquals(List.of("ConditionalCheckFailed", "None"),
                again.cancellationReasons().stream().map(reason -> reason.code()).toList());
        assertEquals(1, outbox.forModel("default").size());
        assertTrue(dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key("MARKER", "first")).build()).hasItem());
        assertFalse(dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key("MARKER", "second")).build()).hasItem(), "nothing of the second transaction");
    }

    @Test
    void onlyTheAnnouncementsOfLeadsAndAccountsAreInTheNotificationFeed() {
        for (BusEvent event : List.of(REVIEW_DUE, SEGMENT_READY, Announcement.of(DANA_QUALIFIED))) {
            assertTrue(outbox.storeOnce(event, NOW));
        }

        assertEquals(List.of("dana/salesReady/1"), IntStream.range(0, RankIndex.SHARDS)
                .mapToObj(RankIndex.NOTIFICATIONS::shard)
                .flatMap(shard -> dynamo.query(QueryRequest.builder().tableName(table).indexName(RankIndex.NAME)
                        .keyConditionExpression("rankShard = :shard")
                        .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(shard))).build())
                        .items().stream())
                .map(item -> item.get("qualificationId").s()).toList());
    }

    @Test
    void aLeadsAnnouncementIsTheItemTheScoringTransactionWrites() {
        assertTrue(outbox.storeOnce(Announcement.of(DANA_QUALIFIED), NOW));

        Map<String, AttributeValue> stored = item("LEAD#dana", "OUTBOX#dana/salesReady/1#LeadQualified");
        assertEquals(Outbox.item(DANA_QUALIFIED, NOW), stored);
        assertEquals(new TreeSet<>(Set.of("pk", "sk", "kind", "qualificationId", "leadId", "detailType", "detail",
                "createdAt", "rankShard", "rankScore", "dueShard", "dueAt")), new TreeSet<>(stored.keySet()));
    }

    @Test
    void aRecordIsMarkedPublishedInItsOwnPartition() {
        outbox.storeOnce(REVIEW_DUE, NOW);
        outbox.storeOnce(SEGMENT_READY, NOW);

        outbox.markPublished(outbox.forModel("default").get(0), NOW.plusSeconds(2));
        outbox.markPublished(Outbox.fromImage(AttributeValues.values(
                item("JOB#job-7f3a", "OUTBOX#job-7f3a/segment/2/1#JobSegmentReady"))), NOW.plusSeconds(3));

        assertEquals(NOW.plusSeconds(2), outbox.forModel("default").get(0).publishedAt());
        assertEquals(NOW.plusSeconds(3), outbox.forJob("job-7f3a").get(0).publishedAt());
        assertEquals(2, dynamo.scan(ScanRequest.builder().tableName(table).build()).count(), "nothing recreated");
        Map<String, AttributeValue> marked = item("MODEL#default", "OUTBOX#model:default/review/2026-10-31#ModelReviewDue");
        assertEquals(List.of(false, false), List.of(marked.containsKey("dueShard"), marked.containsKey("dueAt")),
                "off the unpublished outbox's index with the mark");
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(GetItemRequest.builder().tableName(table).key(LeadTable.key(pk, sk))
                .consistentRead(true).build()).item();
    }

    private TransactWriteItem marker(String name) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(LeadTable.key("MARKER", name)).build()).build();
    }
}
