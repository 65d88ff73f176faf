package io.leadscore.aws.lambda;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTest {

    @Test
    void masksEveryEmailAddressInALine() {
        assertEquals("lead d***@acme.example and j***@mail.example.co.uk",
                Log.maskEmails("lead dana@acme.example and j.doe+crm@mail.example.co.uk"));
        assertEquals("no address @here or there@", Log.maskEmails("no address @here or there@"));
    }

    @Test
    void cutsLongValuesShort() {
        String line = captured(() -> Log.info("event rejected", "leadId", "L".repeat(100_000)));
        assertTrue(line.length() < 500, line);
        assertTrue(line.contains("(100000 characters)"), line);
    }

    @Test
    void writesOneJsonLineWithoutTheAddressesInIt() {
        String line = captured(() -> Log.error("scoring a lead failed",
                new IllegalStateException("for dana@acme.example"), "leadId", "dana@acme.example"));
        assertFalse(line.contains("dana@"), line);
        assertTrue(line.contains("\"leadId\":\"d***@acme.example\""), line);
        assertEquals(1, line.strip().lines().count());
    }

    private static String captured(Runnable logging) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
