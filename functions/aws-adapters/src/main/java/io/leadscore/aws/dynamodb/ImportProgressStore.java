package io.leadscore.aws.dynamodb;

import io.leadscore.bulk.ChunkTally;
import io.leadscore.bulk.ImportResult;
import io.leadscore.bulk.RejectedRow;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The progress of bulk imports, each in its partition {@code IMPORT#<bucket>/<key>@<ETag>} (a new upload of the same key
 * is a new import): {@code PROGRESS}, written when the object is split, with the number of chunks and the sums of the
 * chunks counted so far; and one {@code CHUNK#<k>} per chunk counted, with its rejected rows. A chunk is counted in one
 * transaction with its item, which must not exist yet, so that a redelivered chunk adds nothing.
 */
public final class ImportProgressStore {
    static final String PREFIX = "IMPORT#";
    static final String PROGRESS_SK = "PROGRESS";
    static final String CHUNK_PREFIX = "CHUNK#";

    private final DynamoDbClient dynamo;
    private final String table;

    public ImportProgressStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Which upload an import is of: its bucket, key and ETag. */
    public record ImportId(String bucket, String key, String eTag) {
        String pk() {
            return PREFIX + bucket + "/" + key + "@" + eTag;
        }
    }

    /** The progress item: the chunks the object was cut into, how many are counted, and their sums. */
    public record Progress(String key, String eTag, int chunks, int done, long accepted, long duplicates, long rejected,
                           Instant startedAt, Instant finishedAt) {
        public boolean complete() {
            return done >= chunks;
        }
    }

    /**
     * Records that the object was cut into {@code chunks}; the first record wins, so that a redelivered upload event
     * does not reset the counts of chunks already loaded.
     *
     * @return whether this call started the import
     */
    public boolean start(ImportId id, int chunks, Instant startedAt) {
        Progress progress = new Progress(id.key(), id.eTag(), chunks, 0, 0, 0, 0, startedAt, null);
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table)
                    .item(LeadTable.item(id.pk(), PROGRESS_SK, LeadTable.IMPORT_PROGRESS, progress))
                    .conditionExpression("attribute_not_exists(pk)").build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Adds the chunk's counts to the progress, once: a chunk counted before adds nothing.
     *
     * @return the progress after it
     */
    public Progress count(ImportId id, int chunk, ChunkTally tally) {
        TransactWriteItem chunkItem = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(LeadTable.item(id.pk(), chunkSk(chunk), LeadTable.IMPORT_CHUNK, tally))
                .conditionExpression("attribute_not_exists(pk)").build()).build();
        TransactWriteItem sums = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(LeadTable.key(id.pk(), PROGRESS_SK))
                .conditionExpression("attribute_exists(pk)")
                .updateExpression("ADD done :one, accepted :accepted, duplicates :duplicates, rejected :rejected")
                .expressionAttributeValues(Map.of(":one", AttributeValues.of(1),
                        ":accepted", AttributeValues.of(tally.accepted()),
                        ":duplicates", AttributeValues.of(tally.duplicates()),
                        ":rejected", AttributeValues.of(tally.rejected()))).build()).build();
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(chunkItem, sums).build());
        } catch (TransactionCanceledException e) {
            boolean counted = "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code());
            if (!counted) {
                throw e;
            }
        }
        return progress(id);
    }

    public Progress progress(ImportId id) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                .key(LeadTable.key(id.pk(), PROGRESS_SK)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("no import of " + id + " was started");
        }
        return LeadTable.fromItem(item, Progress.class);
    }

    /**
     * The result of a complete import, its finish time set by the first call: every call gives the same result, so
     * that two loaders finishing at once, or a redelivered last chunk, write the same object.
     */
    public ImportResult result(ImportId id, Instant now) {
        Progress progress = LeadTable.fromItem(dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(LeadTable.key(id.pk(), PROGRESS_SK))
                .conditionExpression("attribute_exists(pk)")
                .updateExpression("SET finishedAt = if_not_exists(finishedAt, :now)")
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now.toString())))
                .returnValues(ReturnValue.ALL_NEW).build()).attributes(), Progress.class);
        if (!progress.complete()) {
            throw new IllegalStateException(id + " has " + progress.done() + " of its " + progress.chunks() + " chunks");
        }
        List<RejectedRow> rows = new ArrayList<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :chunk)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(id.pk()),
                                ":chunk", AttributeValue.fromS(CHUNK_PREFIX))).build())
                .items().forEach(item -> rows.addAll(LeadTable.fromItem(item, ChunkTally.class).rejectedRows()));
        return new ImportResult(progress.key(), progress.eTag(), progress.accepted(), progress.duplicates(),
                progress.rejected(), progress.chunks(), progress.startedAt(), progress.finishedAt(), rows,
                progress.rejected() - rows.size(), null);
    }

    /** Zero-padded, so that the chunks sort in the order of the object. */
    private static String chunkSk(int chunk) {
        return CHUNK_PREFIX + String.format("%06d", chunk);
    }
}
