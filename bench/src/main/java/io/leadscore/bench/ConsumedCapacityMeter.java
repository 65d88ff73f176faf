package io.leadscore.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Asks every DynamoDB call of the JVM for the capacity it consumed ({@code ReturnConsumedCapacity: TOTAL}, the
 * table's and its indexes' units together; a call that asks for more detail keeps it) and hands it to the
 * {@link Meter}: a read's units as read units, a write's as write units. The units are DynamoDB Local's, so a
 * transaction's are DynamoDB Local's own for each item, replayed by {@link TransactionReplay} where one is set, since
 * DynamoDB Local's total for a transaction drops items of equal units. Registered like {@link WriteCounter}, in bench
 * only: production code never asks, and asking changes nothing of what a call does.
 */
public final class ConsumedCapacityMeter implements ExecutionInterceptor {
    private static final ConsumedCapacity NONE = ConsumedCapacity.builder().build();
    private static final ExecutionAttribute<List<Map<String, AttributeValue>>> BEFORE =
            new ExecutionAttribute<>("leadscore.bench.transactionBefore");
    /** Set while the replay's own calls run on this thread: they are not the function's. */
    private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);
    private static final ExecutionAttribute<List<ItemWrites.Pending>> WRITTEN =
            new ExecutionAttribute<>("leadscore.bench.itemsBefore");
    private static volatile TransactionReplay replay;
    private static volatile ItemWrites itemWrites;

    /** Prices transactions with {@code transactionReplay} from now on (DynamoDB Local reports them short). */
    public static void replayTransactions(TransactionReplay transactionReplay) {
        replay = transactionReplay;
    }

    /** Breaks each write down by item with {@code writes} from now on ({@link Meter#writes()}). */
    public static void breakDownWrites(ItemWrites writes) {
        itemWrites = writes;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        ItemWrites items = itemWrites;
        if (items != null && !REPLAYING.get() && Meter.metering()) {
            attributes.putAttribute(WRITTEN, unbilled(() -> items.before(context.request())));
        }
        TransactionReplay transactions = replay;
        if (context.request() instanceof TransactWriteItemsRequest transaction && transactions != null
                && !REPLAYING.get() && Meter.metering()) {
            attributes.putAttribute(BEFORE, unbilled(() -> transactions.before(transaction)));
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (REPLAYING.get()) {
            return request;
        }
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactWriteItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactGetItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (REPLAYING.get()) {
            return;
        }
        List<ItemWrites.Pending> written = attributes.getAttribute(WRITTEN);
        if (written != null && !written.isEmpty()) {
            unbilled(() -> itemWrites.after(written)).forEach(Meter::wrote);
        }
        Object response = context.response();
        List<Map<String, AttributeValue>> before = attributes.getAttribute(BEFORE);
        if (before != null) {
            TransactWriteItemsRequest transaction = (TransactWriteItemsRequest) context.request();
            Meter.consumed(0, unbilled(() -> replay.writeUnits(transaction, before)));
        } else if (response instanceof GetItemResponse r) {
            read(List.of(orNone(r.consumedCapacity())));
        } else if (response instanceof QueryResponse r) {
            read(List.of(orNone(r.consumedCapacity())));
        } else if (response instanceof ScanResponse r) {
            read(List.of(orNone(r.consumedCapacity())));
        } else if (response instanceof BatchGetItemResponse r) {
            read(r.consumedCapacity());
        } else if (response instanceof TransactGetItemsResponse r) {
            read(r.consumedCapacity());
        } else if (response instanceof PutItemResponse r) {
            write(List.of(orNone(r.consumedCapacity())));
        } else if (response instanceof UpdateItemResponse r) {
            write(List.of(orNone(r.consumedCapacity())));
        } else if (response instanceof DeleteItemResponse r) {
            write(List.of(orNone(r.consumedCapacity())));
        } else if (response instanceof BatchWriteItemResponse r) {
            write(r.consumedCapacity());
        } else if (response instanceof TransactWriteItemsResponse r) {
            write(r.consumedCapacity());
        }
    }

    /** Runs the replay's calls unmetered, and keeps their time out of the invocation's billed duration. */
    private static <T> T unbilled(Supplier<T> replayed) {
        // One replay at a time: a handler's threads then wait for each other's replays in turn, so that the sum of
        // the replays' times is what they added to the invocation's wall time.
        synchronized (REPLAYING) {
            long start = System.nanoTime();
            REPLAYING.set(true);
            try {
                return replayed.get();
            } finally {
                REPLAYING.set(false);
                Meter.notBilled(System.nanoTime() - start);
            }
        }
    }

    private static ConsumedCapacity orNone(ConsumedCapacity consumed) {
        return consumed == null ? NONE : consumed;
    }

    private static void read(List<ConsumedCapacity> consumed) {
        Meter.consumed(total(consumed), 0);
    }

    /** A write's units; a condition check's read units, where DynamoDB reports them apart, count as reads. */
    private static void write(List<ConsumedCapacity> consumed) {
        double reads = consumed.stream().filter(c -> c.readCapacityUnits() != null)
                .mapToDouble(ConsumedCapacity::readCapacityUnits).sum();
        Meter.consumed(reads, total(consumed) - reads);
    }

    private static double total(List<ConsumedCapacity> consumed) {
        return consumed.stream().filter(c -> c != null && c.capacityUnits() != null)
                .mapToDouble(ConsumedCapacity::capacityUnits).sum();
    }
}
