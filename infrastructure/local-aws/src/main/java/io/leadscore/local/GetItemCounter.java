package io.leadscore.local;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the GetItem requests of every DynamoDB client in the JVM, the handlers' own included, by the item read
 * (its {@code pk} and {@code sk}): what shows that a cache saves reads. A test module registers it in its test
 * resources {@code software/amazon/awssdk/services/dynamodb/execution.interceptors}, which the SDK reads for every
 * client it builds, as the fault tests register their injector and the benchmarks their write counter. Each attempt
 * counts (a retried request counts again); tests compare counts before and after what they measure.
 */
public final class GetItemCounter implements ExecutionInterceptor {
    private static final Map<String, AtomicLong> READS = new ConcurrentHashMap<>();

    /** GetItem attempts of the item {@code pk}/{@code sk} so far, by any client of the JVM. */
    public static long reads(String pk, String sk) {
        AtomicLong reads = READS.get(pk + "\n" + sk);
        return reads == null ? 0 : reads.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetItemRequest get) {
            Map<String, AttributeValue> key = get.key();
            String pk = key.containsKey("pk") ? key.get("pk").s() : "";
            String sk = key.containsKey("sk") ? key.get("sk").s() : "";
            READS.computeIfAbsent(pk + "\n" + sk, k -> new AtomicLong()).incrementAndGet();
        }
    }
}
