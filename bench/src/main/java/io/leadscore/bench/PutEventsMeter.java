package io.leadscore.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.nio.charset.StandardCharsets;

/**
 * Hands the {@link Meter} the EventBridge events each accepted {@code PutEvents} put on the bus, as EventBridge bills
 * them: each entry in 64 KB chunks of its size (time, source, detail-type, detail and resources, as EventBridge's
 * "PutEvents entry size" counts it). Registered from bench's
 * {@code software/amazon/awssdk/services/eventbridge/execution.interceptors}.
 */
public final class PutEventsMeter implements ExecutionInterceptor {
    static final int CHUNK_BYTES = 64 * 1024;
    /** An entry's Time counts 14 bytes when present. */
    private static final int TIME_BYTES = 14;

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutEventsRequest request && context.response() instanceof PutEventsResponse) {
            Meter.putEvents(request.entries().stream().mapToLong(PutEventsMeter::chunks).sum());
        }
    }

    static long chunks(PutEventsRequestEntry entry) {
        long bytes = (entry.time() == null ? 0 : TIME_BYTES) + utf8(entry.source()) + utf8(entry.detailType())
                + utf8(entry.detail()) + entry.resources().stream().mapToLong(PutEventsMeter::utf8).sum();
        return Math.max(1, (bytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
