package io.leadscore.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadscore.cli.FakeAdminApi.json;
import static io.leadscore.cli.FakeAdminApi.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** models challenge and models challenger against the documented shapes of the admin API. */
class ChallengerCommandsTest extends AgainstFakeApi {
    private static final String CHALLENGER = "/v1/models/default/challenger";

    @Test
    void challengePutsTheRevisionAndPrintsTheChallenge() {
        api.on("PUT", CHALLENGER, json(201, "challenge-started.json"));

        Cli.Run run = run("models", "challenge", "default", "3");

        assertEquals(0, run.exit(), run.err());
        assertEquals("{\"revision\": 3}", api.last().body());
        List<String> lines = run.out().lines().toList();
        assertEquals("Challenger started", lines.get(0));
        assertTrue(lines.get(2).matches("default\\s+3\\s+2026-12-01T09:00:00Z\\s+arn:aws:iam::123456789012:user/maria\\s*"),
                lines.get(2));
    }

    @Test
    void challengeStopDeletesAndNeedsNoRevision() {
        api.on("DELETE", CHALLENGER, json(200, "challenge-started.json"));

        assertEquals(0, run("models", "challenge", "default", "--stop").exit());
        assertEquals("DELETE", api.last().method());
        assertEquals(ExitCode.USAGE, run("models", "challenge", "default", "3", "--stop").exit());
        assertEquals(ExitCode.USAGE, run("models", "challenge", "default").exit());
    }

    @Test
    void challengerPrintsBothRevisionsAlignedWithTheSignificance() {
        api.on("GET", CHALLENGER, json(200, "challenger-report.json"));

        Cli.Run run = run("models", "challenger", "default", "--from", "2026-12-01");

        assertEquals(0, run.exit(), run.err());
        assertEquals("from=2026-12-01", api.last().rawQuery());
        List<String> lines = run.out().lines().toList();
        assertEquals("Champion/challenger 2026-12-01 to 2026-12-14 (model default, challenger since"
                + " 2026-12-01T09:00:00Z)", lines.get(0));
        assertEquals(List.of("role", "revision", "MQLs", "decided", "accepted", "acceptance", "converted",
                "conversion"), List.of(lines.get(1).trim().split("\\s+")));
        assertEquals(List.of("champion", "2", "120", "100", "48", "48.0%", "30", "25.0%"),
                List.of(lines.get(2).trim().split("\\s+")));
        assertEquals(List.of("challenger", "3", "110", "100", "62", "62.0%", "33", "30.0%"),
                List.of(lines.get(3).trim().split("\\s+")));
        int column = lines.get(1).indexOf("decided") + "decided".length();
        assertEquals('0', lines.get(2).charAt(column - 1), "numbers right-aligned: " + lines.get(2));
        assertTrue(run.out().contains("challenger's acceptance 0.62 vs 0.48, z = 1.99, p = 0.047:"
                + " significant at 5%"), run.out());
        assertEquals(resource("challenger-report.json"), run("models", "challenger", "default", "--format", "json")
                .out());
    }
}
