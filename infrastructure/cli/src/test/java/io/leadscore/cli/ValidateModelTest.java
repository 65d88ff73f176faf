package io.leadscore.cli;

import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** validate works offline: no endpoint is contacted (none is given), and every problem is printed with its place. */
class ValidateModelTest {
    private static final String BAD = """
            model: default
            version: 1
            eventTypes:
              page_view: { requires: [url] }
            thresholds:
              salesReady: { points: lots }
            rules:
              - id: pricing-page
                event: page_view
                when: { urll: "*/pricing*" }
                points: 15
              - id: pricing-page
                event: webinar
                points: 5
            """;

    @Test
    void theShippedModelIsValid(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("default-model.yaml");
        try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
            Files.copy(in, file);
        }

        Cli.Run run = Cli.run("--endpoint", "http://127.0.0.1:9", "models", "validate", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().matches("default-model\\.yaml: valid \\(model default: \\d+ rules, \\d+ fit rules,"
                + " \\d+ thresholds, \\d+ groups\\)\n"), run.out());
    }

    @Test
    void anInvalidModelPrintsEveryProblemWithItsPlaceAndExitsOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), BAD);

        Cli.Run run = Cli.run("--endpoint", "http://127.0.0.1:9", "models", "validate", file.toString());

        assertEquals(1, run.exit());
        String out = run.out();
        assertTrue(out.startsWith("bad.yaml: invalid, "), out);
        assertTrue(out.contains("\nfield "), out);
        for (String place : new String[]{"thresholds.salesReady.points", "rules[0].when.urll", "rules[1].id",
                "rules[1].event"}) {
            assertTrue(out.lines().anyMatch(line -> line.startsWith(place + " ")), place + " in\n" + out);
        }
    }

    @Test
    void asJsonTheProblemsHaveTheApisShape(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), BAD);

        Cli.Run run = Cli.run("models", "validate", file.toString(), "--format", "json");

        assertEquals(1, run.exit());
        assertTrue(run.out().contains("\"valid\" : false"), run.out());
        assertTrue(run.out().contains("\"field\" : \"rules[0].when.urll\""), run.out());
    }

    @Test
    void yamlThatDoesNotParseIsOneProblemOfTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "model: default\nrules: [\n");

        Cli.Run run = Cli.run("models", "validate", file.toString(), "--format", "csv");

        assertEquals(1, run.exit());
        assertTrue(run.out().startsWith("field,problem\r\n(file),\"is not valid YAML: "), run.out());
    }

    @Test
    void aMissingFileExitsThree(@TempDir Path dir) {
        Cli.Run run = Cli.run("models", "validate", dir.resolve("nowhere.yaml").toString());

        assertEquals(3, run.exit());
        assertTrue(run.err().endsWith("nowhere.yaml: no such file\n"), run.err());
    }
}
