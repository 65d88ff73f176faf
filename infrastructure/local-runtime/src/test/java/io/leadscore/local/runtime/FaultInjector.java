package io.leadscore.local.runtime;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * Makes DynamoDB and EventBridge misbehave for the SDK clients of this test JVM, the handlers' own included, without
 * touching main code: the SDK finds this interceptor through the test resources
 * {@code software/amazon/awssdk/services/{dynamodb,eventbridge}/execution.interceptors}, which it reads for every
 * client it builds of those services.
 *
 * <p>It does nothing until a test {@link #inject injects} faults, and again once that {@link Injection} is closed, so
 * that the other tests of the JVM see well-behaved services. Faults count the attempts of the operations they target
 * (each SDK retry is an attempt) and fail those their schedule picks, in one of the ways of {@link Failure}; or they
 * make EventBridge refuse some entries of a PutEvents request. One injection at a time, for every client of the JVM.
 */
public final class FaultInjector implements ExecutionInterceptor {

    /** How an attempt fails. */
    public enum Failure {
        /** Refused before it reaches the service: 400 with the service's throttling error; the SDK backs off. */
        THROTTLING,
        /** Refused before it reaches the service: 500; the SDK retries. */
        SERVER_ERROR,
        /** Applied by the service, then the answer is lost and the caller sees a 500: the ambiguous outcome. */
        REPLY_LOST,
        /** The caller's process dies before sending: nothing reaches the service, nothing is retried. */
        KILLED
    }

    /** What a caller sees of its own death: an error no handler code expects, which the SDK does not retry. */
    public static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(String operation) {
            super("fault injection: the process died before sending " + operation);
        }
    }

    private static final AtomicReference<Injection> ACTIVE = new AtomicReference<>();
    private static final ExecutionAttribute<Boolean> REPLY_LOST =
            new ExecutionAttribute<>("leadscore.faultInjector.replyLost");
    /** Set on the first attempt of a call: whether all its attempts fail. */
    private static final ExecutionAttribute<Boolean> DOOMED = new ExecutionAttribute<>("leadscore.faultInjector.doomed");
    /** EventBridge refuses sources in the {@code aws.} namespace entry by entry: a genuine partial failure. */
    private static final String REFUSED_SOURCE = "aws.leadscore.fault-injection";

    /**
     * Fails the attempts of these operations ({@code "TransactWriteItems"}, {@code "PutItem"}, {@code "PutEvents"})
     * whose number, counted from 1 across all of them, passes {@code schedule}.
     */
    public static Injection inject(Failure failure, IntPredicate schedule, String... operations) {
        return activate(new Injection(failure, schedule, false, Set.of(operations), null));
    }

    /**
     * Fails every attempt of the calls of these operations whose number, counted from 1 across all of them, passes
     * {@code schedule}: the SDK's retries run out and the caller sees the failure.
     */
    public static Injection injectIntoWholeCalls(Failure failure, IntPredicate schedule, String... operations) {
        return activate(new Injection(failure, schedule, true, Set.of(operations), null));
    }

    /**
     * Makes EventBridge refuse the PutEvents entries whose number, counted from 1 across requests, passes
     * {@code schedule}: each comes back with an error code beside the accepted ones, and is not put on the bus.
     */
    public static Injection refusePutEventsEntries(IntPredicate schedule) {
        return activate(new Injection(null, attempt -> false, false, Set.of(), schedule));
    }

    /** Every n-th: 3 picks the 3rd, 6th, 9th... */
    public static IntPredicate every(int n) {
        return number -> number % n == 0;
    }

    /** The first n. */
    public static IntPredicate first(int n) {
        return number -> number <= n;
    }

    /** All after the first n. */
    public static IntPredicate after(int n) {
        return number -> number > n;
    }

    private static Injection activate(Injection injection) {
        if (!ACTIVE.compareAndSet(null, injection)) {
            throw new IllegalStateException("faults are already being injected; close that injection first");
        }
        return injection;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        Injection injection = ACTIVE.get();
        if (injection == null || injection.refuseEntry == null || !(context.request() instanceof PutEventsRequest request)) {
            return context.request();
        }
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (PutEventsRequestEntry entry : request.entries()) {
            boolean refuse = injection.refuseEntry.test(injection.entries.incrementAndGet());
            if (refuse) {
                injection.injected.incrementAndGet();
            }
            entries.add(refuse ? entry.toBuilder().source(REFUSED_SOURCE).build() : entry);
        }
        return request.toBuilder().entries(entries).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(REPLY_LOST, false);
        Injection injection = ACTIVE.get();
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (injection == null || !injection.operations.contains(operation) || !injection.fails(attributes)) {
            return;
        }
        injection.injected.incrementAndGet();
        switch (injection.failure) {
            case THROTTLING, SERVER_ERROR -> throw failure(injection.failure,
                    attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME), operation);
            case REPLY_LOST -> attributes.putAttribute(REPLY_LOST, true);
            case KILLED -> throw new Killed(operation);
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(REPLY_LOST))) {
            return context.httpResponse();
        }
        // No CRC32 header: the DynamoDB client would check the replaced body against the original's checksum.
        return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error")
                .removeHeader("x-amz-crc32").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (!Boolean.TRUE.equals(attributes.getAttribute(REPLY_LOST))) {
            return context.responseBody();
        }
        String error = "{\"__type\": \"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                + " \"message\": \"fault injection: the reply was lost after the request was applied\"}";
        return Optional.of(new ByteArrayInputStream(error.getBytes(StandardCharsets.UTF_8)));
    }

    /** The exception the service's client would raise for such an answer. */
    private static AwsServiceException failure(Failure failure, String service, String operation) {
        boolean throttling = failure == Failure.THROTTLING;
        int status = throttling ? 400 : 500;
        boolean eventBridge = "EventBridge".equals(service);
        String code = throttling
                ? (eventBridge ? "ThrottlingException" : "ProvisionedThroughputExceededException")
                : (eventBridge ? "InternalException" : "InternalServerError");
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).serviceName(service)
                .errorMessage("fault injection: " + operation + " " + code)
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build()).build();
        AwsServiceException.Builder builder = eventBridge ? EventBridgeException.builder()
                : throttling ? ProvisionedThroughputExceededException.builder() : DynamoDbException.builder();
        return builder.statusCode(status).awsErrorDetails(details).message(details.errorMessage()).build();
    }

    /** Faults being injected until closed; counts what it did. */
    public static final class Injection implements AutoCloseable {
        private final Failure failure;
        private final IntPredicate schedule;
        private final boolean wholeCalls;
        private final Set<String> operations;
        private final IntPredicate refuseEntry;
        private final AtomicInteger counted = new AtomicInteger(); // attempts, or calls when whole calls fail
        private final AtomicInteger entries = new AtomicInteger();
        private final AtomicInteger injected = new AtomicInteger();

        private Injection(Failure failure, IntPredicate schedule, boolean wholeCalls, Set<String> operations,
                          IntPredicate refuseEntry) {
            this.failure = failure;
            this.schedule = schedule;
            this.wholeCalls = wholeCalls;
            this.operations = operations;
            this.refuseEntry = refuseEntry;
        }

        /** How many attempts failed, or entries were refused, so far: a test checks its fault really happened. */
        public int injected() {
            return injected.get();
        }

        /** Whether this attempt fails: by its own number, or by its call's when whole calls fail. */
        private boolean fails(ExecutionAttributes attributes) {
            if (!wholeCalls) {
                return schedule.test(counted.incrementAndGet());
            }
            Boolean doomed = attributes.getAttribute(DOOMED);
            if (doomed == null) {
                doomed = schedule.test(counted.incrementAndGet());
                attributes.putAttribute(DOOMED, doomed);
            }
            return doomed;
        }

        @Override
        public void close() {
            ACTIVE.compareAndSet(this, null);
        }
    }
}
