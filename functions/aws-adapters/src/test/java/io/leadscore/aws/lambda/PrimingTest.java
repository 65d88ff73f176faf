package io.leadscore.aws.lambda;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
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

    /** A port that was free a moment ago, so that connecting to it is refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
