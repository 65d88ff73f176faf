package io.leadscore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static io.leadscore.cli.FakeAdminApi.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bar a terminal shows while a job runs: segments until the job knows its leads, then leads. */
class JobProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBarCountsSegmentsAndEndsFull() throws Exception {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        try (JobProgress bar = new JobProgress.Bar(new PrintStream(shown, true, StandardCharsets.UTF_8), 120)) {
            bar.show(JSON.readTree(resource("rescore-running.json")));
            bar.show(JSON.readTree(resource("rescore-done.json")));
        }

        String text = shown.toString(StandardCharsets.UTF_8);
        String last = text.substring(text.lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("rescore 100%"), last);
        assertTrue(last.contains("8/8 segments"), last);
        assertTrue(last.contains("done · 1200 leads, 140 changed, 0 errors"), last);
    }

    @Test
    void leadsAreCountedWhenTheJobKnowsTheirTotal() throws Exception {
        var job = JSON.readTree("{\"segments\":{\"total\":8,\"done\":3},\"leads\":{\"total\":1200,\"done\":450}}");

        assertEquals(new JobProgress.Measure("leads", 450, 1200), JobProgress.Measure.of(job));
        assertEquals(new JobProgress.Measure("segments", 3, 8),
                JobProgress.Measure.of(JSON.readTree(resource("rescore-running.json"))));
    }
}
