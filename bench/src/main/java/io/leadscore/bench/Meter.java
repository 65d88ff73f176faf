package io.leadscore.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;

/**
 * What the functions consume, function by function, in the units AWS bills: the drivers call each handler through
 * {@link #invoke} (or {@link #invokeApi} for a request through the HTTP API), which times it as Lambda bills it
 * (rounded up to 1 ms, times the template's memory), counts the request and the bytes it logs; meanwhile
 * {@link ConsumedCapacityMeter} and {@link PutEventsMeter}, SDK interceptors of every client in the JVM, report
 * the DynamoDB capacity and EventBridge events the call consumed. Calls made outside an invocation (a driver
 * loading data or reading back what to hand the next function) are not counted. One invocation at a time.
 */
public final class Meter {
    /** HTTP API requests are metered in 512 KB increments. */
    static final long API_REQUEST_BYTES = 512 * 1024;
    private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

    private static volatile Meter current;
    private static volatile String invoked;
    /** Time spent in the meter's own DynamoDB calls, kept out of the invocations' billed durations. */
    private static final java.util.concurrent.atomic.AtomicLong NOT_BILLED = new java.util.concurrent.atomic.AtomicLong();
    private static final PrintStream CONSOLE = System.out;

    static {
        // The functions log to standard output, as Lambda's runtime sends it to CloudWatch Logs: count its bytes.
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                CONSOLE.write(b);
                logged(1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                CONSOLE.write(bytes, offset, length);
                logged(length);
            }

            @Override
            public void flush() throws IOException {
                CONSOLE.flush();
            }
        }, true));
    }

    private final FunctionSizes sizes;
    private final boolean counting;
    private final Map<String, Map<LineItem, DoubleAdder>> units = new LinkedHashMap<>();
    private final Map<String, Long> fastestMillis = new LinkedHashMap<>();
    private final WriteBreakdown writes = new WriteBreakdown();

    private Meter(FunctionSizes sizes, boolean counting) {
        this.sizes = sizes;
        this.counting = counting;
    }

    /** A meter counting from now on, in place of any earlier one. */
    public static Meter start(FunctionSizes sizes) {
        Meter meter = new Meter(sizes, true);
        current = meter;
        return meter;
    }

    /** One that only calls the handlers: for loading data, which no one is billed for. */
    public static Meter off(FunctionSizes sizes) {
        return new Meter(sizes, false);
    }

    /** Calls one function's handler as one Lambda invocation. */
    public <T> T invoke(String functionId, Supplier<T> handler) {
        if (!counting) {
            return handler.get();
        }
        if (invoked != null) {
            throw new IllegalStateException(functionId + " invoked while " + invoked + " runs");
        }
        current = this;
        invoked = functionId;
        long notBilled = NOT_BILLED.get();
        long start = System.nanoTime();
        try {
            return handler.get();
        } finally {
            long nanos = System.nanoTime() - start - (NOT_BILLED.get() - notBilled);
            invoked = null;
            billInvocation(functionId, nanos);
        }
    }

    /** As {@link #invoke}, for a request of {@code requestBytes} through the HTTP API. */
    public <T> T invokeApi(String functionId, long requestBytes, Supplier<T> handler) {
        add(functionId, LineItem.API_REQUESTS, Math.max(1, (requestBytes + API_REQUEST_BYTES - 1) / API_REQUEST_BYTES));
        return invoke(functionId, handler);
    }

    /** One request, billed for its duration rounded up to 1 ms at the function's memory. */
    void billInvocation(String functionId, long nanos) {
        long millis = (nanos + 999_999) / 1_000_000;
        add(functionId, LineItem.LAMBDA_REQUESTS, 1);
        add(functionId, LineItem.LAMBDA_GB_SECONDS, gbSeconds(functionId, millis));
        synchronized (fastestMillis) {
            fastestMillis.merge(functionId, millis, Math::min);
        }
    }

    double gbSeconds(String functionId, long millis) {
        return millis / 1000.0 * sizes.memoryMb(functionId) / 1024.0;
    }

    String architecture(String functionId) {
        return sizes.architecture(functionId);
    }

    /** Whether an invocation is being metered now. */
    static boolean metering() {
        return invoked != null && current != null;
    }

    /** Time the meter's own work took during an invocation, which Lambda would not bill. */
    static void notBilled(long nanos) {
        if (invoked != null) {
            NOT_BILLED.addAndGet(nanos);
        }
    }

    /** Capacity a DynamoDB call consumed, for the function being invoked; nothing outside an invocation. */
    static void consumed(double readUnits, double writeUnits) {
        String functionId = invoked;
        Meter meter = current;
        if (functionId != null && meter != null) {
            meter.add(functionId, LineItem.DYNAMODB_READ, readUnits);
            meter.add(functionId, LineItem.DYNAMODB_WRITE, writeUnits);
        }
    }

    /** An item's write, broken down, for the function being invoked; nothing outside an invocation. */
    static void wrote(ItemWriteCost.Write write) {
        String functionId = invoked;
        Meter meter = current;
        if (functionId != null && meter != null) {
            meter.writes.add(functionId, write);
        }
    }

    /** The writes by function and kind of item. */
    public WriteBreakdown writes() {
        return writes;
    }

    /** EventBridge events (64 KB chunks) put by the function being invoked. */
    static void putEvents(long events) {
        String functionId = invoked;
        Meter meter = current;
        if (functionId != null && meter != null) {
            meter.add(functionId, LineItem.EVENTBRIDGE_EVENTS, events);
        }
    }

    private static void logged(int bytes) {
        String functionId = invoked;
        Meter meter = current;
        if (functionId != null && meter != null) {
            meter.add(functionId, LineItem.LOG_GB, bytes / BYTES_PER_GB);
        }
    }

    void add(String functionId, LineItem item, double amount) {
        synchronized (units) {
            units.computeIfAbsent(functionId, id -> new EnumMap<>(LineItem.class))
                    .computeIfAbsent(item, i -> new DoubleAdder()).add(amount);
        }
    }

    /** The functions invoked, in the order first seen. */
    public List<String> functions() {
        synchronized (units) {
            return List.copyOf(units.keySet());
        }
    }

    /** What a function consumed of an item so far. */
    public double units(String functionId, LineItem item) {
        synchronized (units) {
            DoubleAdder adder = units.getOrDefault(functionId, Map.of()).get(item);
            return adder == null ? 0 : adder.sum();
        }
    }

    /** The function's fastest invocation so far, in billed milliseconds. */
    public long fastestMillis(String functionId) {
        synchronized (fastestMillis) {
            return fastestMillis.getOrDefault(functionId, 0L);
        }
    }
}
