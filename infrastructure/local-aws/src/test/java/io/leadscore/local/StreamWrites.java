package io.leadscore.local;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What the tests of a background poller do: write activities that its source takes, and wait for what follows. */
final class StreamWrites {
    private StreamWrites() {
    }

    /** An activity of LEAD#1, which the score function's filter takes. */
    static void putActivity(LocalDynamoDb db, String sortKey) {
        db.client().putItem(request -> request.tableName(db.tableName("LeadScoreTable")).item(Map.of(
                "pk", AttributeValue.fromS("LEAD#1"), "sk", AttributeValue.fromS(sortKey),
                "kind", AttributeValue.fromS("activity"), "points", AttributeValue.fromN("12"))));
    }

    /** Waits up to 30 seconds for the condition; fails with the state otherwise. */
    static void await(BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting: " + state.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
