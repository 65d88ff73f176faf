package io.leadscore.aws.dynamodb;

import io.leadscore.support.Sha256;

import java.util.Map;

/**
 * The index that ranks leads and accounts by score, and announcements by time (newest first): {@code rankShard}
 * ({@code LEADS#<n>}) is its partition key and {@code rankScore} its sort key. A list is spread over a few shards
 * so that no index partition takes every write; a ranked page reads the top of each shard and merges them.
 */
public enum RankIndex {
    LEADS, ACCOUNTS, NOTIFICATIONS;

    public static final String NAME = "RankIndex";
    static final String SHARD = "rankShard";
    static final String SCORE = "rankScore";
    /** Fixed, as DueIndex's: changing it moves every item to another shard. */
    static final int SHARDS = 4;

    /** The index keys an item of this list carries: {@code rank} is its score, or for announcements its time. */
    Map<String, Object> keys(String id, long rank) {
        return Map.of(SHARD, shard(Sha256.bucket(id, SHARDS)), SCORE, rank);
    }

    String shard(int n) {
        return name() + "#" + n;
    }
}
