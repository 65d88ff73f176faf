package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.local.runtime.LocalRuntime;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool against the local runtime, end to end, as a marketer runs a review: a revision drafted from a file,
 * compared with the published one, backtested, and published with a progress bar until every lead is re-scored.
 */
class AgainstLocalRuntimeTest {
    private static final List<String> LEADS = List.of("ana", "ben", "cai", "dee", "eli");
    private static LocalRuntime runtime;
    /** When the leads' events were posted, so received. */
    private static Instant posted;

    @BeforeAll
    static void start() throws Exception {
        // A re-score waits a second for score batches under the old revision (in AWS: the score function's timeout).
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                .withEnvironment(Map.of("RESCORE_SETTLE_SECONDS", "1", "JOB_SEGMENTS", "2")));
        HttpClient http = HttpClient.newHttpClient();
        Instant at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        List<String> events = new ArrayList<>();
        for (String lead : LEADS) {
            events.add(event(lead, 1, "page_view", at, "\"url\": \"https://acme.example/pricing\""));
            events.add(event(lead, 2, "page_view", at.plusSeconds(60), "\"url\": \"https://acme.example/pricing/teams\""));
            events.add(event(lead, 3, "form_submit", at.plusSeconds(120), "\"formId\": \"demo-request\""));
        }
        posted = Instant.now();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                .header("content-type", "application/json").header("x-write-key", runtime.options().writeKey())
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\": [" + String.join(", ", events) + "]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        runtime.awaitStreams(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void draftCompareBacktestAndPublishWithProgress(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q1.yaml");
        Files.writeString(file, ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: 40\n"));

        Cli.Run drafted = run("models", "draft", "default", "--file", file.toString(), "--notes", "Q1: pricing up");
        assertEquals(0, drafted.exit(), drafted.err());
        assertTrue(drafted.out().contains("2"), drafted.out());

        Cli.Run compared = run("models", "compare", "default", "--from", "1", "--to", "2");
        assertEquals(0, compared.exit(), compared.err());
        String pricing = compared.out().lines().filter(line -> line.contains("rule:pricing-page")).findFirst()
                .orElseThrow(() -> new AssertionError(compared.out()));
        assertTrue(pricing.contains("15") && pricing.contains("40"), pricing);

        Cli.Run backtest = run("models", "backtest", "default", "2");
        assertEquals(0, backtest.exit(), backtest.err());
        assertTrue(backtest.progress().contains("/2 segments · "), backtest.progress());
        assertTrue(backtest.out().contains("Backtest of r2 against the published r1"), backtest.out());
        assertTrue(backtest.out().lines().anyMatch(line -> line.startsWith("    5  ")), "five leads:\n" + backtest.out());
        assertEquals(1, models().pointer("default").orElseThrow().published(), "a backtest publishes nothing");

        Cli.Run published = run("models", "publish", "default", "2");
        assertEquals(0, published.exit(), published.err());
        assertTrue(published.err().startsWith("rescore job "), published.err());
        assertTrue(published.progress().lines().anyMatch(line -> line.endsWith("5/5 leads · done · 5 leads, 5"
                + " changed, 0 errors")), "the bar counts leads once the segments have counted them: "
                + published.progress());
        String job = published.out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(job.matches("job-\\S+ +rescore +default +2 +done +2/2 +5 +5 +0 +0"), published.out());
        System.out.println("[cli] models publish default 2, as printed:\n" + published.progress() + published.out());
        assertEquals(2, models().pointer("default").orElseThrow().published());
    }

    @Test
    void importsACrmExportOncePerVerdictWithProgress(@TempDir Path dir) throws Exception {
        Instant closed = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        Path file = dir.resolve("outcomes.csv");
        Files.writeString(file, String.join("\n", "Opportunity ID,Email,Stage,Owner,Closed Date,Loss Reason",
                "opp-1,ana,Closed Lost,sam,\"" + closed + "\",\"Budget, again\"",
                "opp-2,ben,Closed Won,sam," + closed + ",",
                "opp-3,nobody,Closed Lost,sam," + closed + ",",
                "opp-4,cai,Churned,sam," + closed + ","));
        int ana = leads().lead("ana").orElseThrow().score();
        String[] args = {"feedback", "import", file.toString(), "--map",
                "feedbackId=Opportunity ID,leadId=Email,type=Stage,rep=Owner,at=Closed Date,reason=Loss Reason",
                "--type", "Closed Lost=lost", "--type", "closed won=won"};

        Cli.Run imported = run(args);
        Cli.Run again = run(args);

        assertEquals(1, imported.exit(), "two rows were not applied: " + imported.err());
        assertTrue(imported.out().startsWith("4 rows: 2 applied, 1 rejected, 1 unknown_lead"), imported.out());
        assertTrue(imported.out().lines().anyMatch(line -> line.strip().matches("3 +nobody +opp-3 +unknown_lead +leadId +no"
                + " lead 'nobody' is known")), imported.out());
        assertTrue(imported.out().lines().anyMatch(line -> line.strip().matches("4 +cai +opp-4 +rejected +type +unknown type"
                + " 'Churned'.*")), imported.out());
        assertEquals("feedback import: 4/4 rows\n", imported.progress());
        assertTrue(again.out().startsWith("4 rows: 2 duplicate, 1 rejected, 1 unknown_lead"), again.out());
        Lead lost = leads().lead("ana").orElseThrow();
        assertEquals(ana - 30, lost.score(), "the default model's lost: -30, once");
        assertEquals(Stage.LOST, lost.stage());
        assertEquals("Budget, again", lost.stageHistory().get(lost.stageHistory().size() - 1).why());
        assertEquals(Stage.WON, leads().lead("ben").orElseThrow().stage());
        System.out.println("[cli] feedback import, as printed:\n" + imported.progress() + imported.out());
    }

    private static LeadStore leads() {
        return new LeadStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"),
                java.time.Clock.systemUTC(), Retention.DEFAULT);
    }

    /** Everything the stream scored is found applied: the redrive of a window that failed nothing changes nothing. */
    @Test
    void opsRedriveFindsTheWindowsActivitiesAppliedAlready() throws Exception {
        String from = posted.minusSeconds(60).toString();
        String to = Instant.now().plusSeconds(60).toString();

        Cli.Run json = run("--format=json", "ops", "redrive", "--from", from, "--to", to);
        assertEquals(0, json.exit(), json.err());
        JsonNode report = Json.mapper().readTree(json.out());
        assertEquals(15, report.get("activitiesFound").asInt(), json.out());
        assertEquals(0, report.get("activitiesRescored").asInt(), json.out());
        assertEquals(15, report.get("activitiesAlreadyApplied").asInt(), json.out());
        assertEquals(0, report.get("recordsRepublished").asInt(), json.out());

        Cli.Run table = run("ops", "redrive", "--from", from, "--to", to);
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().lines().anyMatch(line -> line.matches(" *15 +0 +15 +0 +0")), table.out());

        Cli.Run tooLong = run("ops", "redrive", "--from", "2026-11-01", "--to", "2026-11-03");
        assertEquals(1, tooLong.exit());
        assertTrue(tooLong.err().contains("longer than 24 hours"), tooLong.err());
    }

    private static Cli.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint=" + runtime.baseUri(),
                "--admin-key=" + runtime.options().adminKey()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private static ModelStore models() {
        return new ModelStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"));
    }

    private static String event(String lead, int n, String type, Instant at, String properties) {
        return "{\"eventId\": \"" + lead + "-" + n + "\", \"type\": \"" + type + "\", \"leadId\": \"" + lead
                + "\", \"timestamp\": \"" + at + "\", \"properties\": {" + properties + "}}";
    }
}
