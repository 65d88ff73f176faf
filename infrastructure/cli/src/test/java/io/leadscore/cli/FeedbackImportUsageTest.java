package io.leadscore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A mapping that does not fit the file is refused before anything is sent (the endpoint here is never reached). */
class FeedbackImportUsageTest {
    private static final String NOWHERE = "--endpoint=http://127.0.0.1:9";

    @Test
    void aMappedColumnTheFileLacksIsAUsageErrorNamingTheColumns(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("outcomes.csv"), "Email,Stage\ndana,Closed Lost\n");

        Cli.Run run = Cli.run(NOWHERE, "feedback", "import", file.toString(), "--map", "leadId=Mail,type=Stage");

        assertEquals(ExitCode.USAGE, run.exit());
        assertEquals("leadscore: --map leadId=Mail: outcomes.csv has no column 'Mail' (columns: Email, Stage)\n",
                run.err());
        assertEquals("", run.progress(), "nothing was sent");
    }

    @Test
    void aMappedFieldThatIsNoFeedbackFieldIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("outcomes.csv"), "Email,Stage\ndana,Closed Lost\n");

        Cli.Run run = Cli.run(NOWHERE, "feedback", "import", file.toString(), "--map", "lead=Email");

        assertEquals(ExitCode.USAGE, run.exit());
        assertEquals("leadscore: --map names no feedback field [lead] (fields: leadId, type, reason, rep, at,"
                + " feedbackId)\n", run.err());
    }

    @Test
    void aFileThatCannotBeReadIsAnIoError(@TempDir Path dir) {
        Cli.Run run = Cli.run(NOWHERE, "feedback", "import", dir.resolve("missing.csv").toString());

        assertEquals(ExitCode.IO, run.exit());
    }
}
