package io.leadscore.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.leadscore.cli.FakeAdminApi.json;
import static io.leadscore.cli.FakeAdminApi.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** list, show, export, draft and compare against the documented shapes of the admin API. */
class RevisionCommandsTest extends AgainstFakeApi {
    private static final String REVISIONS = "/v1/models/default/revisions";

    @Test
    void listPrintsOneAlignedRowPerRevisionWithTheReviewDateAndSendsTheAdminKey() {
        api.on("GET", REVISIONS, json(200, "revisions.json"));

        Cli.Run run = run("models", "list", "default");

        assertEquals(0, run.exit(), run.err());
        assertEquals("Bearer " + ADMIN_KEY, api.last().header("authorization"));
        List<String> lines = run.out().lines().toList();
        assertEquals("model default: revision 2 published 2026-10-01T09:00:00Z; next review due 2026-12-30T09:00:00Z",
                lines.get(0));
        assertTrue(lines.get(1).startsWith("revision  published  created               author"), lines.get(1));
        assertTrue(lines.get(3).matches("\\s+2  yes\\s+2026-09-30T16:12:00Z\\s+arn:aws:iam::123456789012:user/maria"
                + "\\s+1  60-day review: pricing page down to 10"), "a note's line break stays in its cell: "
                + lines.get(3));
        assertEquals(5, lines.size());
        int column = lines.get(1).indexOf("created");
        lines.subList(2, 5).forEach(line -> assertEquals("2026", line.substring(column, column + 4), line));
    }

    @Test
    void listAsJsonIsTheApisJsonAndAsCsvOneRecordPerRevision() {
        api.on("GET", REVISIONS, json(200, "revisions.json"));

        assertEquals(resource("revisions.json"), run("models", "list", "default", "--format", "json").out());
        String csv = run("--format=csv", "models", "list", "default").out();
        assertTrue(csv.startsWith("revision,published,created,author,basedOn,notes\r\n"
                + "1,,2026-08-01T08:59:00Z,seed,,the shipped default\r\n"), csv);
        assertTrue(csv.contains("\"60-day review:\npricing page down to 10\"\r\n"), "a multi-line note is quoted: " + csv);
    }

    @Test
    void showPrintsTheRevisionAndTheNotesPerSetting() {
        api.on("GET", REVISIONS + "/3", json(200, "revision-3.json"));

        Cli.Run run = run("models", "show", "default", "3");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\nrevision   3\n"), run.out());
        assertTrue(run.out().contains("\nbasedOn    2\n"), run.out());
        assertTrue(run.out().contains("\nnotes      demo requests count more, per sales\n"), run.out());
        assertTrue(run.out().contains("Notes per setting\nsetting               note\n"
                + "rule:demo-request     Sales: demo requests close at twice the rate of pricing visits\n"), run.out());
    }

    @Test
    void showPublishedLooksThePublishedNumberUp() {
        api.on("GET", REVISIONS, json(200, "revisions.json"));
        api.on("GET", REVISIONS + "/2", json(200, "revision-2.json"));

        Cli.Run run = run("models", "show", "default", "published", "--format", "json");

        assertEquals(0, run.exit(), run.err());
        assertEquals(resource("revision-2.json"), run.out());
        assertEquals(List.of(REVISIONS, REVISIONS + "/2"), api.received().stream().map(r -> r.path()).toList());
    }

    @Test
    void exportWritesTheStoredYamlToStdoutOrToAFile(@TempDir Path dir) throws Exception {
        String yaml = "# as stored\nmodel: default\nrules: []\n";
        api.on("GET", REVISIONS + "/3", new FakeAdminApi.Answer(200, "application/yaml", yaml));

        assertEquals(yaml, run("models", "export", "default", "3").out());
        assertEquals("format=yaml", api.last().rawQuery());

        Path file = dir.resolve("model.yaml");
        Cli.Run run = run("models", "export", "default", "3", "-o", file.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(yaml, Files.readString(file));
        assertEquals("", run.out());
        assertTrue(run.err().contains("wrote revision 3 of model default to " + file), run.err());
    }

    @Test
    void draftUploadsTheFileAsYamlWithTheNotesAndPrintsTheNewNumberAndTheWarnings(@TempDir Path dir)
            throws Exception {
        String yaml = "model: default\nversion: 7\nrules: []\n";
        Path file = Files.writeString(dir.resolve("model.yaml"), yaml, StandardCharsets.UTF_8);
        api.on("POST", REVISIONS, json(201, "created.json"));

        Cli.Run run = run("models", "draft", "default", "--file", file.toString(), "--notes", "Q4 review: demos x2");

        assertEquals(0, run.exit(), run.err());
        FakeAdminApi.Received post = api.last();
        assertEquals(yaml, post.body());
        assertEquals("application/yaml", post.header("content-type"));
        assertEquals("Q4 review: demos x2", post.header("x-notes"));
        assertNull(post.rawQuery());
        assertEquals("created revision 3 of model default (not published)\n", run.out());
        assertTrue(run.err().startsWith("warning: version: 7 is ignored: a revision's version is its number (3)\n"),
                run.err());
        assertTrue(run.err().contains("leadscore models backtest default 3"), run.err());
    }

    @Test
    void draftFromARevisionPostsNoBody() {
        api.on("POST", REVISIONS, json(201, "created.json"));

        Cli.Run run = run("models", "draft", "default", "--from", "published", "--format", "csv");

        assertEquals(0, run.exit(), run.err());
        assertEquals("from=published", api.last().rawQuery());
        assertEquals("", api.last().body());
        assertNull(api.last().header("x-notes"));
        assertEquals("modelId,number\r\ndefault,3\r\n", run.out());
    }

    @Test
    void aRefusedDraftPrintsEveryProblemWithItsPlaceAndExitsOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("model.yaml"), "model: default\n");
        api.on("POST", REVISIONS, json(400, "invalid-model.json"));

        Cli.Run run = run("models", "draft", "default", "--file", file.toString());

        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals("""
                leadscore: the API refused POST /v1/models/default/revisions (400 invalid_model): the model is invalid
                  - rules[2].points: must be a whole number
                  - thresholds.salesReady: is missing
                  - decay.every: unknown duration 'fortnight'
                """, run.err());
    }

    @Test
    void notesThatCannotTravelInAHeaderAreRefusedBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("model.yaml"), "model: default\n");

        Cli.Run run = run("models", "draft", "default", "--file", file.toString(), "--notes", "revue du 3e trimestre — démos");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("write these notes in the YAML's top-level notes:"), run.err());
        assertTrue(api.received().isEmpty());
    }

    @Test
    void draftNeedsExactlyOneSource() {
        assertEquals(2, run("models", "draft", "default").exit());
        assertEquals(2, run("models", "draft", "default", "--file", "a.yaml", "--from", "2").exit());
        assertTrue(api.received().isEmpty());
    }

    @Test
    void compareAsATableMarksChangedCellsAndAbsentSettingsAndListsTheNotes() {
        api.on("GET", "/v1/models/default/compare", json(200, "compare.json"));

        Cli.Run run = run("models", "compare", "default", "--from", "1", "--to", "3");

        assertEquals(0, run.exit(), run.err());
        assertEquals("from=1&to=3", api.last().rawQuery());
        assertEquals("""
                setting               r1                                              r2                                                r3
                rule:pricing-page     15 · page_view url glob */pricing* · cap 3/day  10 · page_view url glob */pricing* · cap 3/day *  10 · page_view url glob */pricing* · cap 3/day
                rule:webinar          -                                               -                                                 20 · form_submit formId webinar-* *
                threshold:salesReady  100                                             100                                               90 *
                * changed from the previous revision   - absent from that revision

                Notes
                setting               revision  note
                rule:pricing-page            2  fewer points: tyre-kickers
                threshold:salesReady         3  sales asked for more leads
                """, run.out());
    }

    @Test
    void compareAsCsvIsTheApisCsvAsItCame() {
        api.on("GET", "/v1/models/default/compare", new FakeAdminApi.Answer(200, "text/csv; charset=utf-8",
                resource("compare.csv")));

        Cli.Run run = run("models", "compare", "default", "--from", "1", "--to", "3", "--format", "csv");

        assertEquals(0, run.exit(), run.err());
        assertEquals("from=1&to=3&format=csv", api.last().rawQuery());
        assertEquals(resource("compare.csv"), run.out());
    }
}
