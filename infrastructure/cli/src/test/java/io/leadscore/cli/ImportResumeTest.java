package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code import events} against a fake import route that fails a request on cue: where a stopped import resumes,
 * what its rejects file holds, and the options. Twelve lines, events e-1 to e-12 but line 3 (not JSON); the route
 * refuses e-5, and the third request of all is answered 503 once.
 */
class ImportResumeTest extends AgainstFakeApi {
    private static final String ROUTE = "/v1/admin/import/events";
    private final AtomicInteger requests = new AtomicInteger();

    @TempDir
    Path directory;

    @Test
    void aFailedBatchStopsTheImportAndTheSameCommandResumesAfterTheLastBatchAnswered() throws Exception {
        Path file = events();
        api.on("POST", ROUTE, this::answer);
        Path rejects = directory.resolve("events.rejected.jsonl");

        Cli.Run stopped = run("import", "events", file.toString(), "--batch=3");

        assertEquals(ExitCode.FAILED, stopped.exit());
        assertTrue(stopped.err().endsWith("imported up to line 7 of events.jsonl: the same command resumes after"
                + " it\n"), stopped.err());
        assertEquals(List.of("import events: 4 rows, " + percent(file, 4) + "% of the file",
                "import events: 7 rows, " + percent(file, 7) + "% of the file"), stopped.progress().lines().toList());
        ImportState checkpoint = ImportState.read(directory.resolve("events.jsonl.import-state"));
        assertEquals(new ImportState("events", offsetAfter(file, 7), 7, 5, 0, 2, Files.size(rejects)), checkpoint);
        // A process killed after writing a rejected row but before its checkpoint leaves a line too many.
        Files.writeString(rejects, "{\"line\": 9, \"row\": \"left by a killed run\"}\n", StandardOpenOption.APPEND);

        Cli.Run resumed = run("import", "events", file.toString(), "--batch=3");

        assertEquals(ExitCode.FAILED, resumed.exit(), "two rows were rejected");
        assertEquals("resuming events.jsonl after line 7 (7 rows imported before; --restart starts over)",
                resumed.err().lines().findFirst().orElseThrow());
        assertTrue(resumed.out().lines().skip(1).findFirst().orElseThrow()
                .matches(" *12 +10 +0 +2 +\\d+\\.\\d s +\\d+"), resumed.out());
        assertTrue(resumed.err().contains("2 rejected rows, each with its line and errors, in " + rejects),
                resumed.err());
        assertEquals(List.of("e-1", "e-5", "e-8", "e-8", "e-11"), firstEventOfEachRequest());
        List<JsonNode> rejected = Files.readAllLines(rejects).stream().map(Cli::json).toList();
        assertEquals(List.of(3, 5), rejected.stream().map(r -> r.get("line").asInt()).toList());
        assertEquals("not json", rejected.get(0).get("row").asText());
        assertEquals(Cli.json("[{\"field\": \"timestamp\", \"problem\": \"is 3 years old\"}]"),
                rejected.get(1).get("errors"), "the field as within the row, not the batch");
        assertFalse(Files.exists(directory.resolve("events.jsonl.import-state")));
    }

    @Test
    void restartIgnoresTheCheckpointAnnounceTravelsInTheBodyAndTheRejectsGoWhereAsked() throws Exception {
        Path file = events();
        requests.set(10); // no failure on cue
        api.on("POST", ROUTE, this::answer);
        new ImportState("events", offsetAfter(file, 7), 7, 5, 0, 2, 0)
                .write(directory.resolve("events.jsonl.import-state"));

        Path refused = directory.resolve("refused.jsonl");

        Cli.Run run = run("--format=json", "import", "events", file.toString(), "--batch=5", "--restart",
                "--announce", "--rate=60000/m", "--rejects=" + refused);

        JsonNode summary = Cli.json(run.out());
        assertEquals(List.of(12, 10, 0, 2, 12), List.of(summary.get("rows").asInt(), summary.get("accepted").asInt(),
                summary.get("duplicates").asInt(), summary.get("rejected").asInt(),
                summary.get("rowsThisRun").asInt()), run.out());
        assertEquals(List.of("e-1", "e-7", "e-12"), firstEventOfEachRequest());
        assertTrue(api.received().stream().allMatch(r -> Cli.json(r.body()).get("announce").asBoolean()));
        assertEquals(List.of(3, 5), Files.readAllLines(refused).stream().map(r -> Cli.json(r).get("line").asInt())
                .toList());
        assertEquals(refused.toString(), summary.get("rejects").asText());
    }

    @Test
    void aCheckpointOfAnotherImportOrBadOptionsAreUsageErrorsAndNothingIsSent() throws Exception {
        Path file = events();
        new ImportState("leads hubspot", 10, 1, 1, 0, 0, 0).write(directory.resolve("events.jsonl.import-state"));

        Cli.Run other = run("import", "events", file.toString());
        assertEquals(ExitCode.USAGE, other.exit());
        assertEquals("leadscore: events.jsonl.import-state is the checkpoint of another import (leads hubspot, up to"
                + " byte 10): pass --restart to start this one over\n", other.err());

        assertEquals("leadscore: --batch must be 1 to 500 (was 501)\n",
                run("import", "events", file.toString(), "--batch=501").err());
        assertEquals("leadscore: --rate must be a number of events above zero, a second (N or N/s) or a minute"
                + " (N/m), e.g. 1000/s (was fast)\n", run("import", "events", file.toString(), "--rate=fast").err());
        assertEquals(ExitCode.IO, run("import", "events", directory.resolve("none.jsonl").toString()).exit());
        assertEquals(List.of(), api.received());
    }

    /** The route's answer: every event accepted but e-5; the third request of all fails once. */
    private FakeAdminApi.Answer answer(FakeAdminApi.Received request) {
        if (requests.incrementAndGet() == 3) {
            return new FakeAdminApi.Answer(503, "application/json",
                    "{\"error\": {\"code\": \"unavailable\", \"message\": \"the table cannot be written\"}}");
        }
        JsonNode events = Cli.json(request.body()).get("events");
        ObjectNode answer = Json.mapper().createObjectNode();
        ArrayNode rejected = answer.putArray("rejected");
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get("eventId").asText().equals("e-5")) {
                rejected.addObject().put("index", i).put("eventId", "e-5").putArray("errors").addObject()
                        .put("field", "events[" + i + "].timestamp").put("problem", "is 3 years old");
            }
        }
        answer.put("accepted", events.size() - rejected.size()).put("duplicates", 0);
        return new FakeAdminApi.Answer(200, "application/json", answer.toString());
    }

    private List<String> firstEventOfEachRequest() {
        List<String> first = new ArrayList<>();
        api.received().forEach(r -> first.add(Cli.json(r.body()).get("events").get(0).get("eventId").asText()));
        return first;
    }

    private Path events() throws Exception {
        List<String> lines = IntStream.rangeClosed(1, 12).mapToObj(i -> i == 3 ? "not json"
                : "{\"eventId\": \"e-" + i + "\", \"type\": \"page_view\", \"leadId\": \"ana\", \"timestamp\":"
                + " \"2026-06-01T10:00:0" + (i % 10) + "Z\", \"properties\": {\"url\": \"https://acme.example/\"}}")
                .toList();
        return Files.writeString(directory.resolve("events.jsonl"), String.join("\n", lines) + "\n");
    }

    private static long offsetAfter(Path file, int lines) throws Exception {
        return Files.readAllLines(file).stream().limit(lines)
                .mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    }

    private static long percent(Path file, int lines) throws Exception {
        return offsetAfter(file, lines) * 100 / Files.size(file);
    }
}
