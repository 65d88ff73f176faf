package io.leadscore.aws.dynamodb;

import io.leadscore.support.Sha256;

import java.util.Map;

/**
 * The index that ranks leads and accounts by score, and announcements by time (newest first): {@code rankShard}
 * ({@code LEADS#<n>}) is its partition key and {@code rankScore} its sort key. A list is spread over a few shards
 * so that no index partition takes every write; a ranked page reads the top of each shard and merges them.
 * {@link #LIKELY} is the leads again, on their own index sorted by likelihood to convert: sparse, since only a lead
 * scored under a revision with trained weights has one.
 */
public enum RankIndex {
    LEADS, ACCOUNTS, NOTIFICATIONS, LIKELY("LikelihoodIndex", LeadItem.LIKELIHOOD, "LEADS");

    public static final String NAME = "RankIndex";
    static final String SHARD = "rankShard";
    static final String SCORE = "rankScore";
    /** Fixed, as DueIndex's: changing it moves every item to another shard. */
    static final int SHARDS = 4;

    private final String index;
    private final String sortKey;
    private final String shardPrefix;

    RankIndex() {
        this(null, null, null);
    }

    RankIndex(String index, String sortKey, String shardPrefix) {
        this.index = index == null ? NAME : index;
        this.sortKey = sortKey == null ? SCORE : sortKey;
        this.shardPrefix = shardPrefix == null ? name() : shardPrefix;
    }

    /** The index the list is read from. */
    String index() {
        return index;
    }

    /** The attribute the list is ranked by: the index's sort key. */
    String sortKey() {
        return sortKey;
    }

    /** The index keys an item of this list carries: {@code rank} is its score, or for announcements its time. */
    Map<String, Object> keys(String id, long rank) {
        return Map.of(SHARD, shard(Sha256.bucket(id, SHARDS)), SCORE, rank);
    }

    String shard(int n) {
        return shardPrefix + "#" + n;
    }
}
