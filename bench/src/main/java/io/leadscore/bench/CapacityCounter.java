package io.leadscore.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The read capacity every DynamoDB client of the JVM consumes, the handlers' own included, by what is read: it asks each
 * read for the capacity it consumed ({@code ReturnConsumedCapacity: TOTAL}, which DynamoDB Local computes by DynamoDB's
 * rules: a Query or Scan page's items added up and rounded up to 4 KB, each item of a batch rounded up on its own,
 * half for an eventually consistent read) and adds it up. Registered like {@link WriteCounter}.
 */
public final class CapacityCounter implements ExecutionInterceptor {

    /** What a read is for. */
    public enum Read {
        /** A lead's (or a visitor's) activities: {@code ACT#} items of its partition. */
        HISTORY,
        /** A lead's ledger, read when the activities recorded are not all applied. */
        LEDGER,
        /** Leads read by key, a page at a time. */
        LEADS,
        /** The lead index's segments (a parallel Scan). */
        INDEX,
        /** The rest: accounts, the model's pointer and revisions, the job's items. */
        OTHER
    }

    private static final Map<Read, DoubleAdder> UNITS = new EnumMap<>(Read.class);

    static {
        for (Read read : Read.values()) {
            UNITS.put(read, new DoubleAdder());
        }
    }

    /** Read units consumed so far, by what was read. */
    public static Map<Read, Double> units() {
        Map<Read, Double> units = new EnumMap<>(Read.class);
        UNITS.forEach((read, adder) -> units.put(read, adder.sum()));
        return units;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof ScanRequest scan) {
            return scan.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof BatchGetItemRequest batch) {
            return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        if (response instanceof QueryResponse query) {
            add(kind((QueryRequest) context.request()), Arrays.asList(query.consumedCapacity()));
        } else if (response instanceof ScanResponse scan) {
            add(Read.INDEX, Arrays.asList(scan.consumedCapacity()));
        } else if (response instanceof GetItemResponse get) {
            add(Read.OTHER, Arrays.asList(get.consumedCapacity()));
        } else if (response instanceof BatchGetItemResponse batch) {
            add(Read.LEADS, batch.consumedCapacity());
        }
    }

    private static Read kind(QueryRequest query) {
        AttributeValue prefix = query.expressionAttributeValues().get(":prefix");
        String sortKey = prefix == null ? "" : prefix.s();
        return sortKey.equals("ACT#") ? Read.HISTORY : sortKey.equals("LEDGER#") ? Read.LEDGER : Read.OTHER;
    }

    private static void add(Read read, List<ConsumedCapacity> consumed) {
        consumed.stream().filter(c -> c != null && c.capacityUnits() != null)
                .forEach(c -> UNITS.get(read).add(c.capacityUnits()));
    }
}
