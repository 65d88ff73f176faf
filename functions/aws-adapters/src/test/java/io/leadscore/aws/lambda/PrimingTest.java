package io.leadscore.aws.lambda;

import com.sun.net.httpserver.HttpServer;
import io.leadscore.aws.dynamodb.TablePriming;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Priming runs where AWS cannot be reached, as in these tests and local runs, and never fails a checkpoint. */
class PrimingTest {

    @Test
    void primesWithoutNetworkAndDoesNotThrow() throws IOException {
        String nowhere = "http://127.0.0.1:" + closedPort();
        Priming priming = Priming.register(new Environment(Map.of(
                "AWS_REGION", "us-east-1",
                "TABLE_NAME", "leadscore-test",
                "EVENT_BUS_NAME", "leadscore-test-events",
                AwsClients.DYNAMODB_ENDPOINT, nowhere,
                AwsClients.EVENTBRIDGE_ENDPOINT, nowhere)));

        AtomicInteger warmed = new AtomicInteger();
        priming.alsoWarm(warmed::incrementAndGet);
        priming.alsoWarm(() -> {
            throw new IllegalStateException("the table cannot be reached");
        });

        // Called directly: a JVM without CRaC never checkpoints, and its global context refuses to be triggered.
        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
        assertEquals(1, warmed.get(), "the function's own warm-ups run too, a failing one without harm");
        assertDoesNotThrow(() -> priming.afterRestore(null));
    }

    /**
     * Each request is sent once, even when the answer is one the SDK would retry (a 500): retries would only lengthen
     * the checkpoint.
     */
    @Test
    void sendsEachRequestOnceWithoutRetrying() throws IOException {
        Map<String, Integer> attempts = new TreeMap<>();
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            synchronized (attempts) {
                attempts.merge(exchange.getRequestHeaders().getFirst("X-Amz-Target"), 1, Integer::sum);
            }
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        failing.start();
        try {
            String endpoint = "http://127.0.0.1:" + failing.getAddress().getPort();
            Priming priming = Priming.register(new Environment(Map.of(
                    "AWS_REGION", "us-east-1",
                    "TABLE_NAME", "leadscore-test",
                    "EVENT_BUS_NAME", "leadscore-test-events",
                    AwsClients.DYNAMODB_ENDPOINT, endpoint,
                    AwsClients.EVENTBRIDGE_ENDPOINT, endpoint)));

            priming.beforeCheckpoint(null);
        } finally {
            failing.stop(0);
        }

        Map<String, Integer> once = new TreeMap<>();
        TablePriming.requests("leadscore-test").keySet().forEach(operation -> once.put("DynamoDB_20120810." + operation, 1));
        once.put("AWSEvents.PutEvents", 1);
        assertEquals(once, attempts);
    }

    /** A port that was free a moment ago, so that connecting to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
