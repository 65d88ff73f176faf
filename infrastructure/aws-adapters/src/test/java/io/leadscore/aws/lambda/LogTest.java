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
    void writesOneJsonLineWithoutTheAddressesInIt() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Log.error("scoring a lead failed", new IllegalStateException("for dana@acme.example"),
                    "leadId", "dana@acme.example");
        } finally {
            System.setOut(out);
        }
        String line = captured.toString(StandardCharsets.UTF_8);
        assertFalse(line.contains("dana@"), line);
        assertTrue(line.contains("\"leadId\":\"d***@acme.example\""), line);
        assertEquals(1, line.strip().lines().count());
    }
}
