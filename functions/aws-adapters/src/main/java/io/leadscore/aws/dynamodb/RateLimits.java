package io.leadscore.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Events a minute, per write key and per lead, counted in the table so that the limits hold across every running
 * copy of the function: one counter item per key (or lead) and minute, raised only while it stays within the limit
 * (a conditional ADD), and gone by DynamoDB's TTL soon after its minute.
 *
 * <p>A key's budget is taken in blocks of a hundredth of it ({@link #BLOCKS_A_MINUTE}), which this copy spends on
 * the key's next requests of the minute without writing: a write a block instead of a write a request. What a copy
 * holds unspent at the minute's end is lost, so with several copies running a key may be refused up to a block per
 * copy before its limit, never after it. A block that no longer fits is taken as what the request needs alone.
 */
public final class RateLimits {
    private static final Duration KEEP = Duration.ofMinutes(2);
    /** A key's budget of a minute in blocks: 60 events a block at the default 6,000. */
    static final int BLOCKS_A_MINUTE = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Limits limits;
    /** Per key, what this copy took of the minute's budget and has not spent: keys of the current minute only. */
    private final Map<String, Held> held = new HashMap<>();

    private record Held(long minute, int events) {
    }

    /** Events a minute a write key, and a lead, may send. */
    public record Limits(int perKey, int perLead) {
        public Limits {
            if (perKey < 1 || perLead < 1) {
                throw new IllegalArgumentException("rate limits are at least 1 event a minute, not " + perKey + " and "
                        + perLead);
            }
        }
    }

    public RateLimits(DynamoDbClient dynamo, String table, Limits limits) {
        this.dynamo = dynamo;
        this.table = table;
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** Takes {@code events} from the key's budget of this minute; false (nothing taken) when they do not fit. */
    public synchronized boolean takeForKey(String keyId, int events, Instant now) {
        long minute = minute(now);
        held.values().removeIf(block -> block.minute() != minute);
        int unspent = held.containsKey(keyId) ? held.get(keyId).events() : 0;
        int needed = events - unspent;
        if (needed > 0) {
            String pk = "RATE#" + keyId;
            String sk = "MINUTE#" + minute;
            int block = Math.max(needed, limits.perKey() / BLOCKS_A_MINUTE);
            int taken = take(pk, sk, block, limits.perKey(), now) ? block
                    : block > needed && take(pk, sk, needed, limits.perKey(), now) ? needed : 0;
            if (taken == 0) {
                return false;
            }
            unspent += taken;
        }
        held.put(keyId, new Held(minute, unspent - events));
        return true;
    }

    /** Takes {@code events} from the lead's budget of this minute (kept in the lead's partition). */
    public boolean takeForLead(String leadId, int events, Instant now) {
        return take(LeadTable.leadPk(leadId), "RATE#" + minute(now), events, limits.perLead(), now);
    }

    /** Whole seconds until the next minute's budget. */
    public static long retryAfterSeconds(Instant now) {
        return 60 - now.getEpochSecond() % 60;
    }

    private boolean take(String pk, String sk, int events, int limit, Instant now) {
        if (events > limit) {
            return false;
        }
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(table).key(LeadTable.key(pk, sk))
                    .updateExpression("ADD #events :events SET #expires = :expires, #kind = :kind")
                    .conditionExpression("attribute_not_exists(#events) OR #events <= :room")
                    .expressionAttributeNames(Map.of("#events", "events", "#expires", LeadTable.EXPIRES_AT,
                            "#kind", LeadTable.KIND))
                    .expressionAttributeValues(Map.of(":events", AttributeValues.of(events),
                            ":room", AttributeValues.of(limit - events),
                            ":expires", AttributeValues.of(minute(now) * 60 + 60 + KEEP.toSeconds()),
                            ":kind", AttributeValue.fromS(LeadTable.RATE)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    private static long minute(Instant now) {
        return now.getEpochSecond() / 60;
    }
}
