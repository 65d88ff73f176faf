package io.leadscore.aws.dynamodb;

import io.leadscore.support.Sha256;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The outbox rows not marked published yet, on their own shards of the sparse {@link DueIndex}: a row is written
 * there with {@code dueAt} = when it was written, and leaves the index when it is marked published. The stream
 * publishes a row within seconds; one still there long after is one whose publish batch failed for good, and the
 * scheduled re-publish takes it from here, never from the stream, which keeps 24 hours.
 *
 * <p>{@code dueAt} holds when the row was last handed to someone to publish, not when it is due: the delay is the
 * re-publisher's alone to know (RepublishAfterMinutes), so the functions that write outbox rows need no setting.
 */
public final class UnpublishedOutbox {
    /** Apart from the leads' shards (0 to 7), which the decay sweep asks, and it only. */
    static final int FIRST_SHARD = 200;
    static final int SHARDS = 4;
    /** How many times the re-publish took the row: a row that fails each time shows by it. */
    static final String ATTEMPTS = "republishAttempts";

    private final DynamoDbClient dynamo;
    private final String table;

    public UnpublishedOutbox(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A row on the index: its table key, and the {@code dueAt} it was seen with. */
    public record Row(Map<String, AttributeValue> key, String since) {
    }

    /** The index keys of an outbox row written (or handed out) at {@code at}. */
    static Map<String, AttributeValue> keys(String pk, String sk, Instant at) {
        return Map.of(DueIndex.SHARD, AttributeValue.fromN(String.valueOf(FIRST_SHARD + Sha256.bucket(pk + sk, SHARDS))),
                DueIndex.DUE_AT, AttributeValue.fromS(DueIndex.format(at)));
    }

    /** Every row unpublished since {@code before} or earlier, shard by shard, page by page, while {@code more} says. */
    public void forEachSince(Instant before, int pageSize, BooleanSupplier more, Consumer<List<Row>> pages) {
        for (int shard = FIRST_SHARD; shard < FIRST_SHARD + SHARDS && more.getAsBoolean(); shard++) {
            Map<String, AttributeValue> from = null;
            do {
                QueryResponse page = DueIndex.query(dynamo, table, shard, before, from, pageSize);
                pages.accept(page.items().stream().map(item -> new Row(
                        LeadTable.key(item.get(LeadTable.PK).s(), item.get(LeadTable.SK).s()),
                        item.get(DueIndex.DUE_AT).s())).toList());
                from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (from != null && more.getAsBoolean());
        }
    }

    /** A row taken to publish: the record, and how many times it was taken so far (1 the first time). */
    public record Claim(Outbox.Record record, int attempt) {
    }

    /**
     * Takes the row to publish it: moves its {@code dueAt} to {@code now}, only if no one else took or published it
     * since it was seen, so that two runs never publish it both; if the publish fails, it comes up again a delay
     * later.
     *
     * @return the row, or empty if it was taken, published or deleted meanwhile
     */
    public Optional<Claim> claim(Row row, Instant now) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                    .key(row.key())
                    .updateExpression("SET dueAt = :now ADD " + ATTEMPTS + " :one")
                    .conditionExpression("dueAt = :seen AND attribute_not_exists(publishedAt)")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(DueIndex.format(now)),
                            ":seen", AttributeValue.fromS(row.since()), ":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.ALL_NEW).build()).attributes();
            return Optional.of(new Claim(LeadTable.fromItem(item, Outbox.Record.class),
                    Integer.parseInt(item.get(ATTEMPTS).n())));
        } catch (ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
    }
}
