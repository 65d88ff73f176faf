package io.leadscore.cli;

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

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code leadscore leads} against the local runtime, over 130 leads written as they are: lead-i has score i, fit
 * i % 50 (so grade A at 40-49, B 30-39, C 20-29, D 10-19, else F by the shipped model) and stage mql when i is a
 * multiple of 3, else lead. More leads than an API page (100), so the tool follows the pages.
 */
class LeadsAgainstLocalRuntimeTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String ZOE = "Zoë \"Z\" O'Brien, Jr.";
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @BeforeAll
    static void start() throws Exception {
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            int fit = i % 50;
            leads.add(Lead.newLead("lead-" + i).toBuilder()
                    .profile(i == 7 ? Map.of("firstName", "Zoë \"Z\"", "lastName", "O'Brien, Jr.")
                            : Map.of("email", "lead-" + i + "@acme.example"))
                    .stage(i % 3 == 0 ? Stage.MQL : Stage.LEAD).lastActivityAt(T0)
                    .breakdown(Map.of("title", new RuleTally(ScoreKind.FIT, null, fit, 1, T0),
                            "pricing-page", new RuleTally(ScoreKind.ENGAGEMENT, null, i - fit, 1, T0)))
                    .build());
        }
        new LeadStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT).importLeads(leads);
    }

    @Test
    void csvStreamsEveryPageOfTheSegmentAsOneFile() throws Exception {
        Cli.Run run = run("leads", "--segment", "score=5..119", "--order", "asc", "--format", "csv");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("\uFEFFleadId,email,name,score,"), run.out());
        assertEquals(1, run.out().chars().filter(c -> c == '\uFEFF').count(), "one file, one byte order mark");
        List<List<String>> rows = Cli.csvRows(run.out().substring(1));
        assertEquals("leadId", rows.get(0).get(0));
        List<List<String>> records = rows.subList(1, rows.size());
        assertEquals(IntStream.rangeClosed(5, 119).mapToObj(i -> "lead-" + i).toList(),
                records.stream().map(r -> r.get(0)).toList(), "115 leads over two pages, lowest first");
        assertEquals(ZOE, records.get(2).get(2));
        assertTrue(run.out().contains(",\"Zoë \"\"Z\"\" O'Brien, Jr.\","), run.out());
    }

    @Test
    void jsonIsOneLeadALineAcrossPages() throws Exception {
        Cli.Run run = run("--format", "json", "leads", "--segment", "stage=mql", "--order", "asc");

        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(IntStream.range(0, 130).filter(i -> i % 3 == 0).mapToObj(i -> "lead-" + i).toList(),
                lines.stream().map(line -> Cli.json(line).get("leadId").asText()).toList());
        assertEquals("mql", Cli.json(lines.get(0)).get("stage").asText());
    }

    @Test
    void aTableOfTheTopWithinTheLimitAndTheSegmentsCombined() {
        Cli.Run top = run("leads", "--limit", "3");
        assertEquals(0, top.exit(), top.err());
        List<String> lines = top.out().lines().toList();
        assertEquals(4, lines.size(), top.out());
        assertTrue(lines.get(0).matches("#\\s+lead\\s+name\\s+email\\s+score\\s+fit\\s+grade\\s+stage\\s+account"),
                lines.get(0));
        assertTrue(lines.get(1).matches("1\\s+lead-129\\s+lead-129@acme.example\\s+129\\s+29\\s+C\\s+mql"), lines.get(1));
        assertTrue(lines.get(3).matches("3\\s+lead-127\\s+lead-127@acme.example\\s+127\\s+27\\s+C\\s+lead"), lines.get(3));

        // Grade B is a fit of 30-39: leads 30-39 and 80-89; below 85: 84..80 and 39..30; of those at mql: 84, 81, 39,
        // 36, 33, 30.
        Cli.Run segment = run("--format", "json", "leads", "--segment", "grade=B", "--segment", "score=..84",
                "--segment", "stage=mql");
        assertEquals(List.of("lead-84", "lead-81", "lead-39", "lead-36", "lead-33", "lead-30"), segment.out().lines()
                .map(line -> Cli.json(line).get("leadId").asText()).toList());
    }

    @Test
    void aGradeTheModelDoesNotHaveIsTheApisErrorAndAnUnknownPartWrongUsage() {
        Cli.Run grade = run("leads", "--segment", "grade=E");
        assertEquals(1, grade.exit());
        assertTrue(grade.err().contains("unknown grade 'E' (the model's grades: A, B, C, D, F)"), grade.err());
        assertTrue(grade.err().contains("grade"), grade.err());

        Cli.Run colour = run("leads", "--segment", "colour=red");
        assertEquals(2, colour.exit());
        assertEquals("", colour.out());
    }

    private static Cli.Run run(String... args) {
        return Cli.against(runtime, args);
    }
}
