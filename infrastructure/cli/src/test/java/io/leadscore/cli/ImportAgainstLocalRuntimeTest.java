package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.local.runtime.LocalRuntime;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code leadscore import} against the local runtime's admin import route, end to end: a HubSpot export becomes
 * leads with their profiles and fit, and a 4,000-event history, stopped halfway as Ctrl-C would stop it, resumes
 * from its checkpoint and ends with every event recorded once and every lead where a replay of its history puts it.
 */
class ImportAgainstLocalRuntimeTest {
    private static final String FAST = "--rate=1000000/s";
    /** A history of 100 batches and a line: long enough to stop halfway, short enough for the test run. */
    private static final int EVENTS = 4_000;
    private static final int BATCH = 40;
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @TempDir
    Path directory;

    @Test
    void aHubspotExportMakesLeadsWithTheirProfilesAndFitAndListsTheRejectedRows() throws Exception {
        Path file = directory.resolve("contacts.csv");
        try (InputStream in = getClass().getResourceAsStream("/imports/hubspot-contacts.csv")) {
            Files.copy(in, file);
        }

        Cli.Run imported = Cli.against(runtime, "--format=json", "import", "leads", file.toString(), "--mapping",
                "hubspot", FAST);

        assertEquals(ExitCode.FAILED, imported.exit(), "rows were rejected: " + imported.err());
        JsonNode summary = Cli.json(imported.out());
        assertEquals(List.of(8, 4, 0, 4), List.of(summary.get("rows").asInt(), summary.get("accepted").asInt(),
                summary.get("duplicates").asInt(), summary.get("rejected").asInt()), imported.out());
        Path rejects = directory.resolve("contacts.rejected.jsonl");
        assertEquals(rejects.toString(), summary.get("rejects").asText());
        List<JsonNode> rejected = Files.readAllLines(rejects).stream().map(Cli::json).toList();
        assertEquals(List.of(7, 8, 9, 10), rejected.stream().map(r -> r.get("line").asInt()).toList());
        assertEquals(Cli.json("[{\"field\": \"Record ID\", \"problem\": \"is empty: every lead needs its id\"}]"),
                rejected.get(0).get("errors"));
        assertEquals("Number of Employees", rejected.get(1).get("errors").get(0).get("field").asText());
        assertEquals("Last Modified Date", rejected.get(2).get("errors").get(0).get("field").asText());
        assertEquals("properties.email", rejected.get(3).get("errors").get(0).get("field").asText(),
                "refused by the API, named within the row: " + rejected.get(3));
        assertTrue(rejected.get(3).get("row").asText().startsWith("51241,Bad,Email,not-an-email,"));

        // Fit by the shipped model: senior title 5, target industry 10, 50-5,000 employees 10, served country 5;
        // a student -15, a free mail address -5.
        Map<String, Integer> fit = new TreeMap<>();
        for (String id : List.of("51234", "51235", "51236", "51237")) {
            fit.put(id, leads().lead(id).orElseThrow().fit());
        }
        assertEquals(Map.of("51234", 30, "51235", -20, "51236", 30, "51237", 15), fit);
        Lead dana = leads().lead("51234").orElseThrow();
        assertEquals(Map.of("email", "dana@acme-corp.example", "firstName", "Dana", "lastName", "Reyes", "jobTitle",
                "VP Engineering", "company", "Acme Corp", "industry", "software", "companySize", 100, "country", "US"),
                normalised(dana.profile()));
        assertEquals("Head of\nData", leads().lead("51237").orElseThrow().profile().get("jobTitle"));

        Cli.Run again = Cli.against(runtime, "--format=json", "import", "leads", file.toString(), "--mapping",
                "hubspot", FAST);
        JsonNode second = Cli.json(again.out());
        assertEquals(List.of(8, 0, 4, 4), List.of(second.get("rows").asInt(), second.get("accepted").asInt(),
                second.get("duplicates").asInt(), second.get("rejected").asInt()),
                "the same export again: " + again.out());
        assertEquals(4, Files.readAllLines(rejects).size(), "the rejects of this run, not appended to the last one's");
        assertEquals(30, leads().lead("51234").orElseThrow().fit());
    }

    @Test
    void aHistoryStoppedHalfwayResumesWithNothingDoubledAndEveryLeadAsItsReplay() throws Exception {
        Path file = directory.resolve("history.jsonl");
        Map<String, Integer> perLead = writeHistory(file, EVENTS, 120);
        Path checkpoint = directory.resolve("history.jsonl.import-state");
        AtomicInteger batches = new AtomicInteger();

        // Stopped as Ctrl-C stops it: after the 50th of 101 batches, while the 51st is on its way.
        Cli.Run stopped = Cli.against(runtime, line -> {
            if (batches.incrementAndGet() == 50) {
                Thread.currentThread().interrupt();
            }
        }, "import", "events", file.toString(), "--batch=" + BATCH, FAST);
        Thread.interrupted();

        assertEquals(ExitCode.FAILED, stopped.exit(), stopped.err());
        assertTrue(stopped.err().contains("the same command resumes after it"), stopped.err());
        ImportState halfway = ImportState.read(checkpoint);
        assertTrue(halfway.rows() >= 40 * BATCH && halfway.rows() <= 50 * BATCH + 2, "stopped halfway: " + halfway);

        Cli.Run resumed = Cli.against(runtime, "--format=json", "import", "events", file.toString(), "--batch=" + BATCH,
                FAST);

        assertEquals(ExitCode.FAILED, resumed.exit(), "two lines are no events: " + resumed.err());
        assertTrue(resumed.err().startsWith("resuming history.jsonl after line " + halfway.line()), resumed.err());
        JsonNode summary = Cli.json(resumed.out());
        assertEquals(EVENTS + 2, summary.get("rows").asInt());
        assertEquals(2, summary.get("rejected").asInt());
        assertEquals(EVENTS, summary.get("accepted").asInt() + summary.get("duplicates").asInt(),
                "each event counted once across the two runs: " + summary);
        assertTrue(summary.get("duplicates").asInt() <= BATCH, "at most the batch in flight again: " + summary);
        assertEquals(EVENTS + 2 - halfway.rows(), summary.get("rowsThisRun").asInt());
        assertFalse(Files.exists(checkpoint), "a finished import leaves no checkpoint");
        List<JsonNode> rejected = Files.readAllLines(directory.resolve("history.rejected.jsonl")).stream()
                .map(Cli::json).toList();
        assertEquals(List.of(401L, 2_801L), rejected.stream().map(r -> r.get("line").asLong()).toList());
        assertEquals("(line)", rejected.get(0).get("errors").get(0).get("field").asText());

        ScoringModel model = ModelLoader.defaultModel();
        Rescorer rescorer = new Rescorer(model);
        Instant now = Instant.now();
        Map<String, String> differing = new TreeMap<>();
        Map<String, Integer> recorded = new TreeMap<>();
        for (String leadId : perLead.keySet()) {
            Lead lead = leads().lead(leadId).orElseThrow();
            List<Activity> history = leads().recorded(leadId, true);
            recorded.put(leadId, history.size());
            Lead replayed = rescorer.replay(leadId, history, lead.verdicts(), now);
            if (lead.score() != replayed.score() || lead.fit() != replayed.fit()
                    || !String.valueOf(lead.coldSince()).equals(String.valueOf(replayed.coldSince()))) {
                differing.put(leadId, "stored " + lead.score() + "/" + lead.fit() + "/" + lead.coldSince()
                        + ", replayed " + replayed.score() + "/" + replayed.fit() + "/" + replayed.coldSince());
            }
        }
        assertEquals(perLead, recorded, "every event recorded once, none twice");
        assertEquals(Map.of(), differing, "leads whose score is not their history's replay");
        System.out.println("[cli] import events, " + EVENTS + " events resumed halfway: " + resumed.out().strip());
    }

    /**
     * {@code events} events over {@code leads} leads and the last 180 days, lead by lead and each lead's in time order,
     * as a tool exports people's timelines (and as the import route replays fastest: a batch touches few leads): an
     * identify at the start of each lead's history, then page views, forms, emails and videos; line 401 is not JSON
     * and line 2,801 not an object. Returns how many events each lead has.
     */
    private static Map<String, Integer> writeHistory(Path file, int events, int leads) throws Exception {
        Random random = new Random(18);
        Instant end = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long span = Duration.ofDays(180).toSeconds();
        String[] titles = {"VP Engineering", "Developer", "Student", "Head of Marketing", "Analyst"};
        String[] urls = {"https://acme.example/pricing", "https://acme.example/demo", "https://acme.example/blog/a",
                "https://acme.example/customers/globex", "https://acme.example/products/analytics",
                "https://acme.example/careers"};
        String[] forms = {"demo-request", "whitepaper-roi", "webinar-q3", "newsletter"};
        record Line(String lead, Instant at, String json) {
        }
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> perLead = new TreeMap<>();
        for (int i = 0; i < events; i++) {
            String lead = "h-lead-" + (i < leads ? i : random.nextInt(leads));
            Instant at = i < leads ? end.minusSeconds(span).plusSeconds(random.nextInt(3_600))
                    : end.minusSeconds(random.nextLong(span));
            String properties;
            String type;
            if (i < leads) {
                type = "identify";
                properties = "\"email\": \"" + lead + "@corp" + (i % 40) + ".example\", \"jobTitle\": \""
                        + titles[i % titles.length] + "\", \"companySize\": " + (10 + (i * 37) % 3000);
            } else {
                switch (random.nextInt(5)) {
                    case 0 -> {
                        type = "form_submit";
                        properties = "\"formId\": \"" + forms[random.nextInt(forms.length)] + "\"";
                    }
                    case 1 -> {
                        type = random.nextBoolean() ? "email_open" : "email_click";
                        properties = "\"campaign\": \"c-" + random.nextInt(12) + "\"";
                    }
                    case 2 -> {
                        type = "video_progress";
                        properties = "\"videoId\": \"tour\", \"percent\": " + (25 * (1 + random.nextInt(4)));
                    }
                    default -> {
                        type = "page_view";
                        properties = "\"url\": \"" + urls[random.nextInt(urls.length)] + "\"";
                    }
                }
            }
            perLead.merge(lead, 1, Integer::sum);
            lines.add(new Line(lead, at, "{\"eventId\": \"h-" + i + "\", \"type\": \"" + type + "\", \"leadId\": \""
                    + lead
                    + "\", \"timestamp\": \"" + at + "\", \"properties\": {" + properties + "}}"));
        }
        lines.sort(Comparator.comparing(Line::lead).thenComparing(Line::at));
        lines.add(400, new Line(null, null, "{\"eventId\": \"broken\", \"type\": "));
        lines.add(2_800, new Line(null, null, "[\"not\", \"an\", \"event\"]"));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Line line : lines) {
                writer.write(line.json());
                writer.write('\n');
            }
        }
        return perLead;
    }

    /** Numbers as plain ints, whatever type the store read them as. */
    private static Map<String, Object> normalised(Map<String, Object> profile) {
        Map<String, Object> plain = new TreeMap<>();
        profile.forEach((k, v) -> plain.put(k, v instanceof Number n ? n.intValue() : v));
        return plain;
    }

    private static LeadStore leads() {
        return new LeadStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"),
                Clock.systemUTC(), Retention.DEFAULT);
    }
}
