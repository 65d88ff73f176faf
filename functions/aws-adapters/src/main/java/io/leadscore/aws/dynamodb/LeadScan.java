package io.leadscore.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.List;
import java.util.Map;

/**
 * The leads of one segment of a job, page by page: a parallel Scan of the {@link RankIndex} (segment {@code k} of the
 * job's segments), which holds every lead but the merged visitors (their points are their lead's). The index also
 * ranks accounts and announcements; their entries are read and left out.
 *
 * <p>The index is sorted by score, so a lead whose score changes while the scan runs moves within it: one that rises
 * past the cursor is read again (a re-score finds it unchanged), one that falls behind it is not read at all.
 */
public final class LeadScan {
    private static final String LEADS = RankIndex.LEADS.name() + "#";

    private final DynamoDbClient dynamo;
    private final String table;

    public LeadScan(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * A page of lead ids and where the next page starts.
     *
     * @param next the cursor to pass for the next page (plain values, as a segment's item keeps it); null after the last
     */
    public record Page(List<String> leadIds, Map<String, Object> next) {
    }

    /**
     * @param cursor where the previous page ended, or null for the segment's first page
     * @param limit  index entries read (leads, accounts and announcements alike), at most
     */
    public Page page(int segment, int segments, Map<String, Object> cursor, int limit) {
        ScanRequest.Builder scan = leads(segment, segments).limit(limit).projectionExpression("#id")
                .expressionAttributeNames(Map.of("#shard", RankIndex.SHARD, "#id", "id"));
        if (cursor != null) {
            scan.exclusiveStartKey(AttributeValues.item(cursor));
        }
        ScanResponse page = dynamo.scan(scan.build());
        return new Page(page.items().stream().map(item -> item.get("id").s()).toList(),
                page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? AttributeValues.values(page.lastEvaluatedKey()) : null);
    }

    /**
     * The leads in segment {@code k} now, for a job's progress: the index's entries of the segment are read once more
     * (a megabyte a request, counted by DynamoDB, nothing returned), a small cost beside the leads' histories.
     */
    public long count(int segment, int segments) {
        return dynamo.scanPaginator(leads(segment, segments).select(Select.COUNT)
                        .expressionAttributeNames(Map.of("#shard", RankIndex.SHARD)).build())
                .stream().mapToLong(ScanResponse::count).sum();
    }

    private ScanRequest.Builder leads(int segment, int segments) {
        return ScanRequest.builder().tableName(table).indexName(RankIndex.NAME)
                .segment(segment).totalSegments(segments)
                .filterExpression("begins_with(#shard, :leads)")
                .expressionAttributeValues(Map.of(":leads", AttributeValue.fromS(LEADS)));
    }
}
