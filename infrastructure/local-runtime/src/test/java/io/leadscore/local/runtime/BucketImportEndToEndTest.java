package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.ImportProgressStore;
import io.leadscore.aws.dynamodb.ImportedActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.activity.Retention;
import io.leadscore.bulk.ByteRange;
import io.leadscore.bulk.LineChunks;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.Rescorer;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bucket import through the local runtime: a JSON Lines file dropped in the import bucket's folder is noticed as
 * S3 notices an upload, cut by the splitter function into chunks that go through the chunk queue to the loader
 * function, and its result appears beside it; the leads come out as a from-scratch replay of what was recorded. A
 * CRM's contact export dropped under {@code leads/<mapping>/} makes the leads the command line's import makes.
 */
class BucketImportEndToEndTest {
    /**
     * Leads in the history, 11 events each: 90 by default (about 1,000 events), as many as a shared build machine
     * loads in minutes; -DbucketImport.leads=450 makes the 5,000-event run that BENCHMARKS.md measures.
     */
    private static final int LEADS = Integer.getInteger("bucketImport.leads", 90);
    /** Small chunks, so that the history makes a dozen of them or more. */
    private static final int CHUNK_BYTES = LEADS * 180;
    private static final Duration RESULT_WAIT = Duration.ofMinutes(Integer.getInteger("bucketImport.waitMinutes", 15));

    private static Path data;
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("bucket-import");
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withDataDirectory(data)
                .withEnvironment(Map.of("IMPORT_CHUNK_BYTES", String.valueOf(CHUNK_BYTES))));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** The history file: every line's bytes, which lines are bad (by offset) and how many are repeats. */
    private record History(byte[] bytes, int events, int repeats, List<Long> badOffsets) {
    }

    /**
     * The leads' journeys (11 events each) of four months ago, older than the live age limit; every 150th event
     * repeated further on, and a bad line every 250 events: an unknown type, a missing lead, not JSON, in turn.
     */
    private static History history() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        for (int lead = 0; lead < LEADS; lead++) {
            events.addAll(Events.salesReadyJourney("imp-" + lead, Events.daysAgo(120 + lead % 30)));
        }
        List<String> bad = List.of("{not json", "{\"type\": \"no_such_type\", \"leadId\": \"x\", \"timestamp\": \"2026-08-01T00:00:00Z\"}",
                "{\"type\": \"page_view\", \"timestamp\": \"2026-08-01T00:00:00Z\", \"properties\": {\"url\": \"https://a.example\"}}");
        List<Long> badOffsets = new ArrayList<>();
        int repeats = 0;
        for (int i = 0; i < events.size(); i++) {
            if (i % 250 == 125) {
                badOffsets.add((long) out.size());
                out.writeBytes((bad.get(badOffsets.size() % bad.size()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes((events.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            if (i % 150 == 149) {
                out.writeBytes((events.get(i - 100) + "\n").getBytes(StandardCharsets.UTF_8));
                repeats++;
            }
        }
        return new History(out.toByteArray(), events.size(), repeats, badOffsets);
    }

    @Test
    void aDroppedFileIsSplitLoadedAndResultedAndARedeliveredChunkChangesNothing() throws Exception {
        History history = history();
        long started = System.nanoTime();
        JsonNode result = drop("events/history.jsonl", history.bytes());
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("bucket import: %d rows in %.1f s, %.0f rows/s%n", history.events() + history.repeats()
                + history.badOffsets().size(), seconds, (history.events() + history.repeats()) / seconds);

        List<ByteRange> ranges = chunksOf(history.bytes());
        assertTrue(ranges.size() >= 8, "chunks: " + ranges.size());
        assertEquals(history.events(), result.path("accepted").asLong());
        assertEquals(history.repeats(), result.path("duplicates").asLong());
        assertEquals(history.badOffsets().size(), result.path("rejected").asLong());
        assertEquals(ranges.size(), result.path("chunks").asInt());
        assertEquals(0, result.path("rejectedRowsOmitted").asLong());
        List<Long> offsets = new ArrayList<>();
        result.path("rejectedRows").forEach(row -> offsets.add(row.path("offset").asLong()));
        assertEquals(history.badOffsets(), offsets);
        JsonNode rows = result.path("rejectedRows");
        assertEquals(List.of("type", "leadId", ""), List.of(rows.get(0).path("errors").get(0).path("field").asText(),
                rows.get(1).path("errors").get(0).path("field").asText(),
                rows.get(2).path("errors").get(0).path("field").asText()), rows.toString());
        assertTrue(rows.get(2).path("errors").get(0).path("problem").asText().startsWith("not JSON"), rows.toString());
        assertEquals("{not json", rows.get(2).path("row").asText());

        // Every lead is its recorded history replayed from scratch in time order, however the chunks were loaded.
        String table = runtime.dynamoDb().tableName("LeadScoreTable");
        LeadStore leads = new LeadStore(runtime.dynamoDb().client(), table, Clock.systemUTC(), Retention.DEFAULT);
        ImportedActivityStore imported = new ImportedActivityStore(runtime.dynamoDb().client(), table,
                new ActivityStore(runtime.dynamoDb().client(), table, Retention.DEFAULT), Optional.empty());
        Rescorer rescorer = new Rescorer(ModelLoader.load(LocalFunctions.environment(SamTemplate.load(
                SamTemplate.locate()), runtime.dynamoDb(), "ScoreFunction").get("MODEL_PATH")));
        long recorded = 0;
        List<String> mismatched = new ArrayList<>();
        for (int lead = 0; lead < LEADS; lead++) {
            String leadId = "imp-" + lead;
            List<Activity> leadHistory = imported.imported(leadId).stream().sorted(Comparator.comparing(Activity::occurredAt)
                    .thenComparing(Activity::eventId)).toList();
            recorded += leadHistory.size();
            Lead expected = rescorer.replay(leadId, leadHistory, List.of(), Instant.now());
            Lead stored = leads.lead(leadId).orElseThrow();
            if (expected.score() != stored.score() || !expected.groups().equals(stored.groups())) {
                mismatched.add(leadId + ": stored " + stored.score() + " " + stored.groups() + ", replayed "
                        + expected.score() + " " + expected.groups());
            }
        }
        assertEquals(history.events(), recorded);
        assertEquals(List.of(), mismatched);

        // A chunk delivered again (SQS delivers at least once): nothing recorded, nothing counted twice.
        int again = ranges.size() / 2;
        ByteRange range = ranges.get(again);
        String bucket = runtime.bucketFolder("ImportBucket").getFileName().toString();
        String eTag = result.path("eTag").asText();
        runtime.queue("ImportChunkQueue").send(Json.write(Map.of("bucket", bucket, "key", "events/history.jsonl",
                "eTag", eTag, "chunk", again, "chunks", ranges.size(), "from", range.from(), "to", range.to())));
        ImportProgressStore.Progress progress = new ImportProgressStore(runtime.dynamoDb().client(), table)
                .progress(new ImportProgressStore.ImportId(bucket, "events/history.jsonl", eTag));
        assertEquals(List.of((long) ranges.size(), (long) history.events(), (long) history.repeats()),
                List.of((long) progress.done(), progress.accepted(), progress.duplicates()));
        assertEquals(result, readResult("events/history.jsonl"));
        assertEquals(List.of(), runtime.queue("ImportChunkQueue").bodies(), "the redelivered chunk was consumed");
    }

    @Test
    void aFileWithoutANewlineAtTheEndLoadsItsLastLine() throws Exception {
        String text = String.join("\n", Events.salesReadyJourney("tail-1", Events.daysAgo(100)).subList(0, 3));
        JsonNode result = drop("events/no-final-newline.jsonl", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(3L, 0L, 0L, 1), List.of(result.path("accepted").asLong(), result.path("duplicates").asLong(),
                result.path("rejected").asLong(), result.path("chunks").asInt()));
    }

    @Test
    void anEmptyFileHasAResultWithNothingInIt() throws Exception {
        JsonNode result = drop("events/empty.jsonl", new byte[0]);
        assertEquals(List.of(0L, 0L, 0L, 0), List.of(result.path("accepted").asLong(), result.path("duplicates").asLong(),
                result.path("rejected").asLong(), result.path("chunks").asInt()));
        assertTrue(result.path("finishedAt").isTextual(), result.toString());
    }

    @Test
    void aHubspotExportUnderLeadsHubspotMakesTheLeadsWithTheirProfilesAndFitAndListsTheRejectedRows() throws Exception {
        Path fixture = SamTemplate.locate().getParent().resolve("events/imports/hubspot-contacts.csv");
        byte[] csv = Files.readAllBytes(fixture);

        JsonNode result = drop("leads/hubspot/contacts.csv", csv);

        assertEquals(List.of(4L, 0L, 4L, 1L), counts(result), result.toString());
        assertTrue(result.path("refused").isNull(), result.toString());
        List<String> lines = Files.readAllLines(fixture);
        String file = new String(csv, StandardCharsets.ISO_8859_1);
        JsonNode rows = result.path("rejectedRows");
        List<String> expectedRows = lines.subList(6, 10);
        assertEquals(expectedRows, rows.findValuesAsText("row"), "each rejected row as the file has it");
        assertEquals(expectedRows.stream().map(row -> (long) file.indexOf(row)).toList(),
                rows.findValues("offset").stream().map(JsonNode::asLong).toList(), "the byte each starts at");
        assertEquals(List.of("Record ID", "Number of Employees", "Last Modified Date", "properties.email"),
                rows.findValues("errors").stream().map(errors -> errors.get(0).path("field").asText()).toList(),
                "the mapping's refusals name the column, the API's the field of the event");
        assertEquals("'about fifty' is not a number (companySize)",
                rows.get(1).path("errors").get(0).path("problem").asText());

        // As the command line's import of the same file (ImportAgainstLocalRuntimeTest): fit by the shipped model.
        LeadStore leads = new LeadStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"),
                Clock.systemUTC(), Retention.DEFAULT);
        Map<String, Integer> fit = new TreeMap<>();
        for (String id : List.of("51234", "51235", "51236", "51237")) {
            fit.put(id, leads.lead(id).orElseThrow().fit());
        }
        assertEquals(Map.of("51234", 30, "51235", -20, "51236", 30, "51237", 15), fit);
        Map<String, Object> dana = new TreeMap<>();
        leads.lead("51234").orElseThrow().profile()
                .forEach((k, v) -> dana.put(k, v instanceof Number n ? n.intValue() : v));
        assertEquals(Map.of("email", "dana@acme-corp.example", "firstName", "Dana", "lastName", "Reyes", "jobTitle",
                "VP Engineering", "company", "Acme Corp", "industry", "software", "companySize", 100, "country", "US"),
                dana);
        assertEquals("Head of\nData", leads.lead("51237").orElseThrow().profile().get("jobTitle"),
                "the cell quoted across lines");
        assertTrue(leads.lead("51241").isEmpty(), "the row the API refused made no lead");
    }

    @Test
    void aLeadsFileUnderAnUnknownMappingIsRefusedWholeNamingThePrefix() throws Exception {
        String csv = "Record ID,Email,Last Modified Date\nunk-1,u@x.example,2026-11-01T00:00:00Z\n";
        JsonNode result = drop("leads/unknown/x.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertEquals("leads/unknown/: no such mapping (leads/<mapping>/, mapping one of hubspot, mautic, marketo);"
                + " nothing was loaded", result.path("refused").asText(), result.toString());
        assertEquals(List.of(0L, 0L, 0L, 0L), counts(result));
        assertTrue(new LeadStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"),
                Clock.systemUTC(), Retention.DEFAULT).lead("unk-1").isEmpty());
    }

    @Test
    void aLeadsFileWithoutTheMappingsColumnsIsRefusedNamingThem() throws Exception {
        JsonNode result = drop("leads/marketo/wrong.csv",
                "Email,Name\na@b.example,A\n".getBytes(StandardCharsets.UTF_8));

        String refused = result.path("refused").asText();
        assertTrue(refused.startsWith("leads/marketo/: the header has no column id, updatedAt, email, firstName,"),
                refused);
        assertTrue(refused.endsWith(", country (header: Email,Name); nothing was loaded"), refused);
        assertEquals(0, result.path("chunks").asInt());
    }

    /** A result's accepted, duplicates, rejected and chunks. */
    private static List<Long> counts(JsonNode result) {
        return List.of(result.path("accepted").asLong(), result.path("duplicates").asLong(),
                result.path("rejected").asLong(), result.path("chunks").asLong());
    }

    /** Copies the file into the bucket's folder whole (a move, as a finished upload appears), and waits for its result. */
    private static JsonNode drop(String key, byte[] bytes) throws Exception {
        Path folder = runtime.bucketFolder("ImportBucket");
        Path target = folder.resolve(key);
        Files.createDirectories(target.getParent());
        Path part = Files.write(folder.resolve(".upload-" + System.nanoTime()), bytes);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + RESULT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(folder.resolve(key + ".result.json"))) {
                return readResult(key);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no result for " + key + " after " + RESULT_WAIT);
    }

    private static JsonNode readResult(String key) throws Exception {
        return Json.mapper().readTree(Files.readAllBytes(runtime.bucketFolder("ImportBucket").resolve(key + ".result.json")));
    }

    /** The chunks the splitter cuts the object into (its probe size does not change where the cuts fall). */
    private static List<ByteRange> chunksOf(byte[] object) {
        return new LineChunks(CHUNK_BYTES, 4096).plan(object.length,
                (from, length) -> Arrays.copyOfRange(object, (int) from, (int) Math.min(object.length, from + length)));
    }
}
