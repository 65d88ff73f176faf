package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import io.leadscore.local.runtime.LocalRuntime;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code leadscore export leads} against the local runtime, over 150 leads (more than an API page of 100): lead-i has
 * score i, of it fit i % 50 (grade A at 40-49, B 30-39, C 20-29, D 10-19, else F by the shipped model) and the rest
 * engagement, in the group "analytics" when i is even; stage mql when i is a multiple of 3, account "acme" when i is
 * a multiple of 5, and its last activity i seconds after T0.
 */
class ExportAgainstLocalRuntimeTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final int LEADS = 150;
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            int fit = i % 50;
            Lead.Builder lead = Lead.newLead("lead-" + i).toBuilder()
                    .profile(i == 7 ? Map.of("email", "zoe@acme.example", "firstName", "Zoë \"Z\"", "lastName", "O'Brien, Jr.")
                            : Map.of("email", "lead-" + i + "@acme.example"))
                    .stage(i % 3 == 0 ? Stage.MQL : Stage.LEAD).lastActivityAt(T0.plusSeconds(i))
                    .breakdown(Map.of("title", new RuleTally(ScoreKind.FIT, null, fit, 1, T0),
                            "pricing-page", new RuleTally(ScoreKind.ENGAGEMENT, i % 2 == 0 ? "analytics" : null, i - fit, 1,
                                    T0)));
            leads.add((i % 5 == 0 ? lead.accountId("acme") : lead).build());
        }
        new LeadStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT).importLeads(leads);
    }

    @Test
    void csvToAFileHoldsEveryLeadAcrossPagesWithItsColumns() throws Exception {
        Path file = directory.resolve("leads.csv");
        Cli.Run run = run("export", "leads", "--format", "csv", "--out", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals("exported 150 leads to " + file, run.err().strip());
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(1, csv.chars().filter(c -> c == '\uFEFF').count(), "one file, one byte order mark");
        List<List<String>> rows = Cli.csvRows(csv.substring(1));
        assertEquals(List.of("leadId", "email", "name", "score", "fit", "engagement", "grade", "stage", "groups",
                "accountId", "lastActivityAt"), rows.get(0));
        List<List<String>> records = rows.subList(1, rows.size());
        assertEquals(IntStream.range(0, LEADS).map(i -> LEADS - 1 - i).mapToObj(i -> "lead-" + i).toList(),
                records.stream().map(r -> r.get(0)).toList(), "every lead once, highest score first");
        assertEquals(List.of("lead-149", "lead-149@acme.example", "", "149", "49", "100", "A", "lead", "{}", "",
                T0.plusSeconds(149).toString()), records.get(0));
        assertEquals(List.of("lead-120", "lead-120@acme.example", "", "120", "20", "100", "C", "mql",
                "{\"analytics\":100}", "acme", T0.plusSeconds(120).toString()), row(records, "lead-120"));
        assertEquals(List.of("lead-7", "zoe@acme.example", "Zoë \"Z\" O'Brien, Jr.", "7", "7", "0", "F", "lead",
                "{}", "", T0.plusSeconds(7).toString()), row(records, "lead-7"));
    }

    @Test
    void jsonLinesOfASegmentToStdout() throws Exception {
        Cli.Run run = run("--format", "jsonl", "export", "leads", "--segment", "score=10..");

        assertEquals(0, run.exit(), run.err());
        List<JsonNode> lines = run.out().lines().map(Cli::json).toList();
        assertEquals(IntStream.rangeClosed(10, LEADS - 1).map(i -> LEADS - 1 + 10 - i).mapToObj(i -> "lead-" + i).toList(),
                lines.stream().map(line -> line.get("leadId").asText()).toList(), "140 leads over two pages");
        JsonNode lead90 = lines.stream().filter(line -> line.get("leadId").asText().equals("lead-90")).findFirst()
                .orElseThrow();
        assertEquals(Cli.json("{\"leadId\":\"lead-90\",\"email\":\"lead-90@acme.example\",\"name\":null,\"score\":90,"
                + "\"fit\":40,\"engagement\":50,\"grade\":\"A\",\"stage\":\"mql\",\"groups\":{\"analytics\":50},"
                + "\"accountId\":\"acme\",\"lastActivityAt\":\"" + T0.plusSeconds(90) + "\"}"), lead90);
    }

    @Test
    void onlyCsvAndJsonLinesAndJsonLinesOnlyForExport() {
        Cli.Run table = run("export", "leads");
        assertEquals(2, table.exit());
        assertEquals("", table.out());
        assertTrue(table.err().contains("--format: export writes csv or jsonl, not table"), table.err());

        Cli.Run leads = run("--format", "jsonl", "leads");
        assertEquals(2, leads.exit());
        assertTrue(leads.err().contains("--format jsonl is for export"), leads.err());
    }

    private static List<String> row(List<List<String>> records, String leadId) {
        return records.stream().filter(r -> r.get(0).equals(leadId)).findFirst().orElseThrow();
    }

    private static Cli.Run run(String... args) {
        return Cli.against(runtime, args);
    }
}
