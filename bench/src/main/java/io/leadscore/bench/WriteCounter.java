package io.leadscore.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the DynamoDB write requests and item writes of every DynamoDB client in the JVM, the handlers' own
 * included: the SDK registers it globally from {@code software/amazon/awssdk/services/dynamodb/execution.interceptors}
 * in bench's resources (bench is never deployed). A TransactWriteItems or BatchWriteItem is one request and
 * one item write per item in it. Each attempt is counted, so a retried request counts again.
 */
public final class WriteCounter implements ExecutionInterceptor {
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicLong ITEMS = new AtomicLong();
    private static final AtomicLong READS = new AtomicLong();
    private static final AtomicLong TRANSACTIONS = new AtomicLong();

    /** Counts so far: write requests, item writes, other (read) requests, and the TransactWriteItems among the writes. */
    public record Counts(long writeRequests, long itemWrites, long readRequests, long transactions) {
        public Counts minus(Counts before) {
            return new Counts(writeRequests - before.writeRequests, itemWrites - before.itemWrites,
                    readRequests - before.readRequests, transactions - before.transactions);
        }
    }

    public static Counts counts() {
        return new Counts(REQUESTS.get(), ITEMS.get(), READS.get(), TRANSACTIONS.get());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Object request = context.request();
        long items;
        if (request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest) {
            items = 1;
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            items = transaction.transactItems().size();
            TRANSACTIONS.incrementAndGet();
        } else if (request instanceof BatchWriteItemRequest batch) {
            items = batch.requestItems().values().stream().mapToLong(java.util.List::size).sum();
        } else {
            READS.incrementAndGet();
            return;
        }
        REQUESTS.incrementAndGet();
        ITEMS.addAndGet(items);
    }
}
