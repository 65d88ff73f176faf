package io.leadscore.aws.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A ranked list (leads or accounts by score, highest first) read a page at a time from {@link RankIndex}: each
 * shard is read from the top, as far as the page needs, and the shards' heads are merged. Where a page stops is
 * a position per shard (the last item taken from it, or its end), which is all the next page needs.
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

    /** A page: the items (their projected attributes, {@code rankScore} the score), and where it stopped. */
    public record Page(List<Map<String, Object>> items, String after) {
    }

    /** One shard's next items that {@code keep} accepts, read on from its position. */
    private record Head(int shard, List<Map<String, Object>> items, List<Map<String, AttributeValue>> keys,
                        boolean exhausted) {
    }

    /**
     * The next {@code limit} items of the list that {@code keep} accepts, after {@code after} (null: from the
     * top), as {@link #isPosition} has checked it.
     */
    public Page page(RankIndex list, int limit, String after, Predicate<Map<String, Object>> keep) {
        Map<String, Object> position = after == null ? Map.of() : read(after);
        List<Head> heads = new ArrayList<>();
        for (int shard = 0; shard < RankIndex.SHARDS; shard++) {
            Object at = position.get(String.valueOf(shard));
            if (!END.equals(at)) {
                heads.add(head(list, shard, at, limit, keep));
            }
        }
        record Candidate(Head head, int index) {
            Map<String, Object> item() {
                return head.items().get(index);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        heads.forEach(head -> {
            for (int i = 0; i < head.items().size(); i++) {
                candidates.add(new Candidate(head, i));
            }
        });
        candidates.sort(Comparator.comparingLong((Candidate c) -> -((Number) c.item().get(RankIndex.SCORE)).longValue())
                .thenComparing(c -> String.valueOf(c.item().get(LeadTable.PK))));
        List<Candidate> taken = candidates.subList(0, Math.min(limit, candidates.size()));
        Map<String, Object> next = new LinkedHashMap<>(position);
        boolean more = false;
        for (Head head : heads) {
            int last = taken.stream().filter(c -> c.head() == head).mapToInt(Candidate::index).max().orElse(-1);
            boolean done = head.exhausted() && last == head.items().size() - 1;
            if (done) {
                next.put(String.valueOf(head.shard()), END);
            } else if (last >= 0) {
                next.put(String.valueOf(head.shard()), AttributeValues.values(head.keys().get(last)));
            }
            more |= !done;
        }
        return new Page(taken.stream().map(Candidate::item).toList(), more ? Json.write(next) : null);
    }

    private Head head(RankIndex list, int shard, Object at, int limit, Predicate<Map<String, Object>> keep) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> from = at == null ? null : AttributeValues.item(Json.mapper().convertValue(at,
                POSITION));
        boolean exhausted;
        do {
            QueryResponse response = dynamo.query(QueryRequest.builder().tableName(table).indexName(RankIndex.NAME)
                    .keyConditionExpression("rankShard = :shard")
                    .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(list.shard(shard))))
                    .scanIndexForward(false).exclusiveStartKey(from).limit(Math.max(limit, 25)).build());
            for (Map<String, AttributeValue> item : response.items()) {
                Map<String, Object> values = AttributeValues.values(item);
                if (items.size() < limit && keep.test(values)) {
                    items.add(values);
                    keys.add(Map.of(LeadTable.PK, item.get(LeadTable.PK), LeadTable.SK, item.get(LeadTable.SK),
                            RankIndex.SHARD, item.get(RankIndex.SHARD), RankIndex.SCORE, item.get(RankIndex.SCORE)));
                }
            }
            from = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            exhausted = from == null;
        } while (!exhausted && items.size() < limit);
        return new Head(shard, items, keys, exhausted);
    }

    /** Whether a text is a position in {@code list} as pages hand them out: per shard, "end" or a key in it. */
    public static boolean isPosition(String text, RankIndex list) {
        try {
            return read(text).entrySet().stream().allMatch(e -> e.getKey().matches("[0-9]")
                    && Integer.parseInt(e.getKey()) < RankIndex.SHARDS
                    && (END.equals(e.getValue()) || e.getValue() instanceof Map<?, ?> key
                    && key.size() == 4 && key.get(LeadTable.PK) instanceof String
                    && key.get(LeadTable.SK) instanceof String && key.get(RankIndex.SCORE) instanceof Number
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
