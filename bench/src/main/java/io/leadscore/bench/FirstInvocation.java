package io.leadscore.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.support.Json;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start in a JVM of its own, started by {@link ColdStart} with a function's shaded jar and its
 * environment: builds the handler as Lambda's init does, optionally runs its SnapStart priming, then reads the
 * sample event's bytes and invokes the handler once through its stream entry point, as Lambda's runtime does (the
 * handler parses the event and writes its answer). Prints one {@link #RESULT} line and exits.
 *
 * <p>Arguments: the handler class, the sample event file, and {@code cold} or {@code primed}.
 */
public final class FirstInvocation {
    static final String RESULT = "first-invocation";
    /** The line that carries the handler's answer, as it wrote it (one line of JSON, or empty). */
    static final String ANSWER = "answer";

    private FirstInvocation() {
    }

    public static void main(String[] args) {
        try {
            Phase start = Phase.now();
            Class<?> type = Class.forName(args[0]);
            Object handler = type.getConstructor(Environment.class).newInstance(Environment.system());
            Phase constructed = Phase.now();
            if (args[2].equals("primed")) {
                // What SnapStart does before its snapshot; a JVM without CRaC cannot be made to do it itself.
                priming(handler).beforeCheckpoint(null);
            }
            Phase primed = Phase.now();
            // The runtime hands over the event's bytes; parsing them is the handler's part of the invocation.
            byte[] event = Files.readAllBytes(Path.of(args[1]));
            long read = System.nanoTime();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InvocationStarts.mark();
            // As in the handler tests: no context needed.
            ((RequestStreamHandler) handler).handleRequest(new ByteArrayInputStream(event), answer, null);
            long endMillis = System.currentTimeMillis();
            Phase invoked = Phase.now();
            requireSuccess(Json.mapper().readTree(answer.toByteArray()));
            System.out.println(ANSWER + " " + answer.toString(StandardCharsets.UTF_8).strip());
            // Classes loaded by the end, this class's own few included (classes), and during the invocation alone
            // (invokeClasses); with the CPU time and the bytes this thread allocated per phase: unlike times, not
            // skewed by a busy machine.
            System.out.printf("%s init=%.1f prime=%.1f read=%.1f invoke=%.1f classes=%d end=%d %s %s %s%n", RESULT,
                    millis(constructed.nanos - start.nanos), millis(primed.nanos - constructed.nanos),
                    millis(read - primed.nanos), millis(invoked.nanos - primed.nanos), invoked.classes, endMillis,
                    constructed.since(start, "init"), primed.since(constructed, "prime"),
                    invoked.since(primed, "invoke"));
            System.out.flush();
            // Handlers keep thread pools for the life of the container.
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Loaded just before the invocation: in a class+load log, what follows it is what the invocation loaded. */
    static final class InvocationStarts {
        private InvocationStarts() {
        }

        static void mark() {
            // Loading this class is the mark.
        }
    }

    /** Where the main thread stands at a phase's boundary: wall clock, its CPU time and bytes, classes loaded. */
    private record Phase(long nanos, long cpuNanos, long allocated, long classes) {
        static Phase now() {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            return new Phase(System.nanoTime(), threads.getCurrentThreadCpuTime(),
                    threads.getThreadAllocatedBytes(Thread.currentThread().getId()),
                    ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        }

        /** The phase from {@code start} to this, as result fields: CPU ms, allocated KiB, classes loaded. */
        String since(Phase start, String name) {
            return String.format("%sCpu=%.1f %sKiB=%d %sClasses=%d", name, millis(cpuNanos - start.cpuNanos), name,
                    (allocated - start.allocated) / 1024, name, classes - start.classes);
        }
    }

    /** A sample that ends in an error would time the error path: refuse to report it. */
    private static void requireSuccess(JsonNode answer) {
        if (answer.path("statusCode").asInt() >= 300) {
            throw new IllegalStateException("the sample was answered " + answer.path("statusCode") + ": "
                    + answer.path("body"));
        }
        if (!answer.path("batchItemFailures").isEmpty()) {
            throw new IllegalStateException("the sample's batch failed: " + answer.path("batchItemFailures"));
        }
    }

    /**
     * The handler's priming resource: a field of its own, or of a field's value (handlers hold it through their
     * {@code FunctionBootstrap}).
     */
    private static Resource priming(Object handler) throws IllegalAccessException {
        for (Field field : handler.getClass().getDeclaredFields()) {
            field.setAccessible(true);
            Object value = field.get(handler);
            if (value instanceof Resource resource) {
                return resource;
            }
            if (value != null && value.getClass().getName().startsWith("io.leadscore.")) {
                for (Field inner : value.getClass().getDeclaredFields()) {
                    if (Resource.class.isAssignableFrom(inner.getType())) {
                        inner.setAccessible(true);
                        return (Resource) inner.get(value);
                    }
                }
            }
        }
        throw new IllegalStateException(handler.getClass().getName() + " registers no priming resource");
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
