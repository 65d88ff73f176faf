package io.leadscore.aws.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A ranked list (leads or accounts by score, announcements by time) read a page at a time from {@link RankIndex},
 * highest first or lowest first, within a range of the sort key when one is asked: each shard is read from its end,
 * as far as the page needs, and the shards' heads are merged in that order. Where a page stops is a position per
 * shard (the last item taken from it, or its end), which is all the next page needs.
 */
public final class Ranking {
    /** How a position reads as text: per shard number, the last key taken, or "end". */
    private static final TypeReference<Map<String, Object>> POSITION = new TypeReference<>() {
    };
    private static final String END = "end";

    private final DynamoDbClient dynamo;
    private final String table;

    public Ranking(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * What a page reads: the sort key from {@code min} to {@code max} (either null: unbounded), read by the index's key
     * condition rather than filtered; lowest first when {@code ascending}; and among those, the items {@code keep}
     * accepts (a test of their projected attributes, read and then dropped).
     */
    public record Selection(Long min, Long max, boolean ascending, Predicate<Map<String, Object>> keep) {
        public Selection {
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("an empty range: " + min + " > " + max);
            }
        }

        /** The whole list, highest first, narrowed by {@code keep}. */
        public static Selection highestFirst(Predicate<Map<String, Object>> keep) {
            return new Selection(null, null, false, keep);
        }

        boolean inRange(long rank) {
            return (min == null || rank >= min) && (max == null || rank <= max);
        }

        /** The key condition on a shard ranked by {@code sortKey}, and its values besides the shard's. */
        private String keyCondition(Map<String, AttributeValue> values, String sortKey) {
            if (min != null) {
                values.put(":min", AttributeValues.of(min));
            }
            if (max != null) {
                values.put(":max", AttributeValues.of(max));
            }
            String shard = "rankShard = :shard";
            if (min != null && max != null) {
                return shard + " AND " + sortKey + " BETWEEN :min AND :max";
            }
            return min != null ? shard + " AND " + sortKey + " >= :min"
                    : max != null ? shard + " AND " + sortKey + " <= :max" : shard;
        }

        /**
         * The merge's order: by rank, then across shards by item key. Within a shard the index's order stands: items
         * of equal rank come in an order DynamoDB does not define, so lowest first is not always highest first
         * backwards among ties.
         */
        private Comparator<Map<String, Object>> order(String sortKey) {
            // Read back, every number is a BigDecimal: a score, a time, or a likelihood's fraction alike.
            Comparator<Map<String, Object>> byRank = Comparator.comparing(
                    (Map<String, Object> item) -> (BigDecimal) item.get(sortKey));
            return (ascending ? byRank : byRank.reversed())
                    .thenComparing(item -> String.valueOf(item.get(LeadTable.PK)));
        }
    }

    /** A page: the items (their projected attributes, {@code rankScore} the score), and where it stopped. */
    public record Page(List<Map<String, Object>> items, String after) {
    }

    /** One shard's next items that the selection keeps, read on from its position, in the selection's order. */
    private record Head(int shard, List<Map<String, Object>> items, List<Map<String, AttributeValue>> keys,
                        boolean exhausted) {
    }

    /**
     * The next {@code limit} items of the selection, after {@code after} (null: from the first), as
     * {@link #isPosition} has checked it. The heads are merged front by front, so what a page takes of a shard is
     * always the start of what it read there, whatever order the index gives items of equal rank.
     */
    public Page page(RankIndex list, Selection selection, int limit, String after) {
        Map<String, Object> position = after == null ? Map.of() : read(after);
        List<Head> heads = new ArrayList<>();
        for (int shard = 0; shard < RankIndex.SHARDS; shard++) {
            Object at = position.get(String.valueOf(shard));
            if (!END.equals(at)) {
                heads.add(head(list, shard, at, limit, selection));
            }
        }
        int[] taken = new int[heads.size()];
        List<Map<String, Object>> items = new ArrayList<>();
        Comparator<Map<String, Object>> order = selection.order(list.sortKey());
        while (items.size() < limit) {
            int next = -1;
            Map<String, Object> first = null;
            for (int h = 0; h < heads.size(); h++) {
                if (taken[h] < heads.get(h).items().size()) {
                    Map<String, Object> front = heads.get(h).items().get(taken[h]);
                    if (first == null || order.compare(front, first) < 0) {
                        next = h;
                        first = front;
                    }
                }
            }
            if (first == null) {
                break;
            }
            items.add(first);
            taken[next]++;
        }
        Map<String, Object> stopped = new LinkedHashMap<>(position);
        boolean more = false;
        for (int h = 0; h < heads.size(); h++) {
            Head head = heads.get(h);
            boolean done = head.exhausted() && taken[h] == head.items().size();
            if (done) {
                stopped.put(String.valueOf(head.shard()), END);
            } else if (taken[h] > 0) {
                stopped.put(String.valueOf(head.shard()), AttributeValues.values(head.keys().get(taken[h] - 1)));
            }
            more |= !done;
        }
        return new Page(items, more ? Json.write(stopped) : null);
    }

    private Head head(RankIndex list, int shard, Object at, int limit, Selection selection) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> from = at == null ? null : AttributeValues.item(Json.mapper().convertValue(at,
                POSITION));
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":shard", AttributeValue.fromS(list.shard(shard)));
        String condition = selection.keyCondition(values, list.sortKey());
        // Exhausted: nothing kept lies beyond the items taken, neither unread nor read past the page's limit.
        boolean keptBeyond = false;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table).indexName(list.index())
                    .keyConditionExpression(condition).expressionAttributeValues(values)
                    .scanIndexForward(selection.ascending()).exclusiveStartKey(from).limit(Math.max(limit, 25))
                    .build());
            for (Map<String, AttributeValue> item : response.items()) {
                Map<String, Object> projected = AttributeValues.values(item);
                if (keptBeyond || !selection.keep().test(projected)) {
                    continue;
                }
                if (items.size() == limit) {
                    keptBeyond = true;
                    continue;
                }
                items.add(projected);
                keys.add(Map.of(LeadTable.PK, item.get(LeadTable.PK), LeadTable.SK, item.get(LeadTable.SK),
                        RankIndex.SHARD, item.get(RankIndex.SHARD), list.sortKey(), item.get(list.sortKey())));
            }
            from = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (from != null && items.size() < limit);
        return new Head(shard, items, keys, from == null && !keptBeyond);
    }

    /**
     * Whether a text is a position in {@code list} as pages of {@code selection} hand them out: per shard, "end" or a
     * key in it within the selection's range (DynamoDB refuses to start a query outside its key condition).
     */
    public static boolean isPosition(String text, RankIndex list, Selection selection) {
        try {
            return read(text).entrySet().stream().allMatch(e -> e.getKey().matches("[0-9]")
                    && Integer.parseInt(e.getKey()) < RankIndex.SHARDS
                    && (END.equals(e.getValue()) || e.getValue() instanceof Map<?, ?> key
                    && key.size() == 4 && key.get(LeadTable.PK) instanceof String
                    && key.get(LeadTable.SK) instanceof String && key.get(list.sortKey()) instanceof Number rank
                    && selection.inRange(rank.longValue())
                    && list.shard(Integer.parseInt(e.getKey())).equals(key.get(RankIndex.SHARD))));
        } catch (IllegalArgumentException notJson) {
            return false;
        }
    }

    private static Map<String, Object> read(String text) {
        try {
            return Json.mapper().readValue(text, POSITION);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a position", e);
        }
    }
}
