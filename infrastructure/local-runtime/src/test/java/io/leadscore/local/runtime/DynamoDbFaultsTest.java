package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.local.runtime.FaultInjector.Failure;
import io.leadscore.local.runtime.FaultInjector.Injection;
import io.leadscore.support.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.leadscore.local.runtime.FaultInjector.every;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DynamoDB throttles or fails the writes of the functions: failed attempts are retried by the SDK with backoff, and
 * calls that run out of attempts by the functions (ingest answers 503 and the client posts again; score reports the
 * lead as a batch item failure and the stream redelivers it). In the end every accepted activity counts exactly
 * once, and each qualification reaches the sales team once.
 */
class DynamoDbFaultsTest {
    private static final List<String> LEADS = List.of("ada", "bo", "cy");
    private static final String[] WRITES = {"TransactWriteItems", "PutItem"};

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Failure.class, names = {"THROTTLING", "SERVER_ERROR", "REPLY_LOST"})
    void everyThirdWriteAttemptFailsAndTheSdkRetriesIt(Failure failure) throws Exception {
        String scenario = failure.name() + " on every 3rd write attempt";
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            try (Injection injection = FaultInjector.inject(failure, every(3), WRITES)) {
                pipeline.recordJourneys(LEADS, 2);
                pipeline.settle();
                assertTrue(injection.injected() > 0, "faults were injected");
                System.out.println("[fault] " + scenario + ": " + injection.injected() + " attempts failed, ingest"
                        + " answered 5xx " + pipeline.serverErrors() + " times");
            }
            assertExactlyOnce(scenario, pipeline, salesTeam);
        }
    }

    /**
     * DynamoDB refuses one write on every attempt, so that the SDK gives up (nine attempts and about 3 s of backoff)
     * and the function handles the failure: first a PutItem of ingest (503; the client posts again), then a
     * transaction of score (a batch item failure; the stream redelivers). Throttling is left out here: its backoff
     * (500 ms base, up to 20 s) takes about half a minute per call; the attempt-level test covers it.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Failure.class, names = {"SERVER_ERROR", "REPLY_LOST"})
    void aWriteThatRunsOutOfSdkRetriesIsRetriedByTheFunction(Failure failure) throws Exception {
        String scenario = failure.name() + " on every attempt of one ingest write and one score transaction";
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            String ingestMetrics = stdoutOf(() -> {
                try (Injection ingestFault = FaultInjector.injectIntoWholeCalls(failure, n -> n == 3, "PutItem")) {
                    pipeline.recordJourneys(LEADS, 2);
                    assertTrue(ingestFault.injected() > 0, "the ingest write failed");
                }
            });
            assertEquals(1, pipeline.serverErrors(), "ingest answered 503 once, and the client posted again");
            assertEquals(1, emitted(ingestMetrics, "ingest", "RequestsUnavailable"), "the 503 is a metric an alarm watches");
            String scoreMetrics = stdoutOf(() -> {
                try (Injection scoreFault = FaultInjector.injectIntoWholeCalls(failure, n -> n == 2, "TransactWriteItems")) {
                    pipeline.settle();
                    assertTrue(scoreFault.injected() > 0, "the score transaction failed");
                }
            });
            assertTrue(emitted(scoreMetrics, "score", "LeadsFailed") >= 1, "the failed lead is a metric an alarm watches");
            assertExactlyOnce(scenario, pipeline, salesTeam);
        }
    }

    /** The sum of a function's embedded-metric count in these log lines. */
    private static long emitted(String stdout, String function, String metric) {
        return stdout.lines().filter(line -> line.startsWith("{\"_aws\"")).map(DynamoDbFaultsTest::json)
                .filter(line -> function.equals(line.path("Function").asText()))
                .mapToLong(line -> line.path(metric).asLong()).sum();
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stdoutOf(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void assertExactlyOnce(String scenario, Pipeline pipeline, FlakyWebhook salesTeam) {
        pipeline.replay().reconcile(pipeline.leads()).assertExact(scenario);
        assertEquals(Pipeline.salesReadyOnceEach(LEADS), salesTeam.acceptedByIdempotencyKey(), "one notification per lead");
    }
}
