package io.leadscore.aws.dynamodb;

import io.leadscore.support.Sha256;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sparse index of leads with something due (decay or going cold): only lead items that carry
 * {@code dueAt} are in it, spread over a few shards so that no single index partition runs hot. A sweep asks
 * each shard for {@code dueAt <= now} and so reads what is due, never the table. Shards 0 to 7 are the leads'; the
 * outbox rows not yet published have their own ({@link UnpublishedOutbox}), which a sweep never asks.
 */
public final class DueIndex {
    public static final String NAME = "DueIndex";
    static final String SHARD = "dueShard";
    static final String DUE_AT = "dueAt";
    /** Fixed: changing it moves every lead to another shard; more shards only mean more queries per sweep. */
    static final int SHARDS = 8;
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;

    public DueIndex(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Leads due, and where the shard's next page starts (null: the shard is done). */
    public record Page(List<String> leadIds, Map<String, AttributeValue> after, int itemsRead) {
    }

    private Page due(int shard, Instant now, Map<String, AttributeValue> from, int limit) {
        QueryResponse page = query(dynamo, table, shard, now, from, limit);
        List<String> leadIds = page.items().stream().map(item -> LeadTable.leadIdOf(item.get(LeadTable.PK).s()))
                .toList();
        return new Page(leadIds, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? page.lastEvaluatedKey() : null, page.count());
    }

    /** Every lead due by {@code now}, shard by shard, page by page, for as long as {@code more} says. */
    public void forEachDue(Instant now, int pageSize, java.util.function.BooleanSupplier more, Consumer<Page> pages) {
        for (int shard = 0; shard < SHARDS && more.getAsBoolean(); shard++) {
            Map<String, AttributeValue> from = null;
            do {
                Page page = due(shard, now, from, pageSize);
                pages.accept(page);
                from = page.after();
            } while (from != null && more.getAsBoolean());
        }
    }

    /** One page of a shard's items whose {@code dueAt} is at or before {@code upTo}: their keys only. */
    static QueryResponse query(DynamoDbClient dynamo, String table, int shard, Instant upTo,
                               Map<String, AttributeValue> from, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table).indexName(NAME)
                .keyConditionExpression("dueShard = :shard AND dueAt <= :upTo")
                .expressionAttributeValues(Map.of(":shard", AttributeValue.fromN(String.valueOf(shard)),
                        ":upTo", AttributeValue.fromS(format(upTo))))
                .exclusiveStartKey(from == null || from.isEmpty() ? null : from)
                .limit(limit).build());
    }

    static int shardOf(String leadId) {
        return Sha256.bucket(leadId, SHARDS);
    }

    static String format(Instant at) {
        return SORTABLE.format(at);
    }
}
