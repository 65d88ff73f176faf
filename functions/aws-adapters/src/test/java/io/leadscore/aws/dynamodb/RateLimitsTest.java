package io.leadscore.aws.dynamodb;

import io.leadscore.local.LocalDynamoDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A key's budget taken in blocks by each running copy, on DynamoDB Local: never past the limit, one write a block. */
class RateLimitsTest {
    private static final Instant MINUTE = Instant.parse("2026-11-23T11:00:15Z");
    private static final RateLimits.Limits LIMITS = new RateLimits.Limits(600, 120); // blocks of 6 events

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private String table;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
    }

    private RateLimits copy() {
        return new RateLimits(dynamoDb.client(), table, LIMITS);
    }

    /** The key's counter of the minute: what the copies took, spent or not. */
    private int counted(Instant at) {
        Map<String, AttributeValue> item = dynamoDb.client().getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key("RATE#site", "MINUTE#" + at.getEpochSecond() / 60)).consistentRead(true).build())
                .item();
        return item.isEmpty() ? 0 : Integer.parseInt(item.get("events").n());
    }

    @Test
    void aCopyWritesOnceABlockAndSpendsItWithoutWriting() {
        RateLimits limits = copy();
        assertTrue(limits.takeForKey("site", 2, MINUTE));
        assertEquals(6, counted(MINUTE), "a block taken for a request of 2");
        assertTrue(limits.takeForKey("site", 2, MINUTE.plusSeconds(1)));
        assertTrue(limits.takeForKey("site", 2, MINUTE.plusSeconds(2)));
        assertEquals(6, counted(MINUTE), "6 events spent from the block, nothing written");
        assertTrue(limits.takeForKey("site", 10, MINUTE.plusSeconds(3)));
        assertEquals(16, counted(MINUTE), "a request larger than a block takes what it needs");
        assertTrue(limits.takeForKey("site", 1, MINUTE.plusSeconds(60)));
        assertEquals(6, counted(MINUTE.plusSeconds(60)), "the next minute starts a block of its own");
    }

    @Test
    void oneCopyAloneGetsTheWholeBudgetAndNoMore() {
        RateLimits limits = copy();
        int taken = 0;
        while (limits.takeForKey("site", 7, MINUTE)) {
            taken += 7;
        }
        assertEquals(595, taken, "85 requests of 7, as when every request wrote: 602 would pass the 600");
        assertTrue(limits.takeForKey("site", 5, MINUTE), "5 more fit: the block no longer does, the 5 alone do");
        assertFalse(limits.takeForKey("site", 1, MINUTE));
        assertEquals(600, counted(MINUTE));
    }

    @Test
    void copiesTogetherNeverPassTheLimit() {
        RateLimits first = copy();
        RateLimits second = copy();
        int spent = 0;
        for (int request = 0; request < 400; request++) {
            if ((request % 2 == 0 ? first : second).takeForKey("site", 3, MINUTE)) {
                spent += 3;
            }
        }
        assertEquals(600, counted(MINUTE));
        assertTrue(spent <= 600 && spent >= 600 - 2 * 6, "spent " + spent + ": at most a block a copy unspent");
    }

    @Test
    void aRequestOverTheLimitTakesNothing() {
        RateLimits limits = copy();
        assertFalse(limits.takeForKey("site", 601, MINUTE));
        assertEquals(0, counted(MINUTE));
    }
}
