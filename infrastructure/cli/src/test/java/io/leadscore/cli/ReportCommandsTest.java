package io.leadscore.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code leadscore reports audit|stages|calibration|nps} against the report routes answering the contract's JSON
 * (web/test/fixtures/reports-*.json, which the dashboard's tests read too).
 */
class ReportCommandsTest extends AgainstFakeApi {
    private static final Path FIXTURES = Path.of("..", "..", "web", "test", "fixtures");

    private static String contract(String report) {
        try {
            return Files.readString(FIXTURES.resolve("reports-" + report + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FakeAdminApi.Answer ok(String body) {
        return new FakeAdminApi.Answer(200, "application/json", body);
    }

    private void serve(String report, String body) {
        api.on("GET", "/v1/reports/" + report, ok(body));
    }

    @Test
    void auditPrintsTheWarningFirstThenTheFiguresReasonsRulesAndWeeks() {
        serve("audit", contract("audit"));

        Cli.Run run = run("reports", "audit");

        assertEquals(0, run.exit(), run.err());
        assertEquals("Bearer " + ADMIN_KEY, api.last().header("authorization"));
        assertEquals(null, api.last().rawQuery(), "the API's default period");
        List<String> lines = run.out().lines().toList();
        assertEquals("WARNING: 50 of the 90 decided MQLs (55.6%) were rejected: the model needs re-evaluation now.",
                lines.get(0));
        assertEquals("MQL audit 2026-11-01 to 2026-11-30 (model default)", lines.get(1));
        assertEquals(List.of(
                "figure                      value",
                "MQLs                        120",
                "accepted                    40",
                "rejected                    50",
                "pending                     30",
                "acceptance rate             44.4%",
                "rejection rate              55.6%",
                "opportunities               24",
                "won                         10",
                "lost                        5",
                "lead to opportunity         20.0%",
                "opportunity to won          41.7%",
                "median hours to acceptance  26"), lines.subList(2, 15));
        assertTrue(run.out().contains("\nTop rejection reasons\n"
                + "reason                       rejected\n"
                + "no budget                          21\n"
                + "student or job seeker              14\n"
                + "existing customer                   9\n"
                + "bad timing, call back in Q3         6\n"), run.out());
        assertTrue(run.out().contains("\nRules that predict rejection (first: they fire more for rejected MQLs)\n"
                + "rule          accepted  rejected  accepted share  rejected share\n"
                + "careers-page         2        14  5.0%            28.0%\n"
                + "pricing-page        30        35  75.0%           70.0%\n"
                + "demo-request        32        12  80.0%           24.0%\n"), run.out());
        assertTrue(run.out().contains("\nBy week\n"
                + "week      MQLs  accepted  rejected  acceptance rate\n"
                + "2026-W45    30        12        10  54.6%\n"), run.out());
        assertTrue(run.out().endsWith("2026-W49     0         0         0\n"),
                "no rate without a decision: " + run.out());
    }

    @Test
    void auditAsksForThePeriodAndSaysNothingOfAReviewWhenNoneIsNeeded() {
        serve("audit", contract("audit").replace("\"needsReview\":true", "\"needsReview\":false"));

        Cli.Run run = run("reports", "audit", "--from", "2026-11-01", "--to", "2026-11-30");

        assertEquals(0, run.exit(), run.err());
        assertEquals("from=2026-11-01&to=2026-11-30", api.last().rawQuery());
        assertTrue(run.out().startsWith("MQL audit 2026-11-01 to 2026-11-30"), run.out());
    }

    @Test
    void aPeriodThatEndsBeforeItStartsOrIsNoDateIsAUsageErrorNamingTheOptionAndAsksNothing() {
        Cli.Run backwards = run("reports", "audit", "--from", "2026-11-30", "--to", "2026-11-01");
        assertEquals(2, backwards.exit());
        assertEquals("leadscore: --to (2026-11-01) is before --from (2026-11-30)\n", backwards.err());

        Cli.Run notADate = run("reports", "audit", "--from", "2026-13-01");
        assertEquals(2, notADate.exit());
        assertTrue(notADate.err().startsWith("Invalid value for option '--from': '2026-13-01' is not a date"
                + " YYYY-MM-DD"), notADate.err());

        Cli.Run unknown = run("reports", "calibration", "--reached", "sql");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--reached") && unknown.err().contains("mql, won"), unknown.err());
        assertEquals(List.of(), api.received());
    }

    @Test
    void aRefusalOfTheApiIsPrintedWithTheFieldItNames() {
        api.on("GET", "/v1/reports/audit", new FakeAdminApi.Answer(400, "application/json", "{\"error\":{\"code\":"
                + "\"invalid_period\",\"message\":\"the period is at most 366 days\",\"field\":\"to\"}}"));

        Cli.Run run = run("reports", "audit", "--from", "2025-01-01", "--to", "2026-11-30");

        assertEquals(1, run.exit());
        assertEquals("leadscore: the API refused GET /v1/reports/audit?from=2025-01-01&to=2026-11-30"
                + " (400 invalid_period): the period is at most 366 days (to)\n", run.err());
    }

    @Test
    void jsonAndCsvAreTheApisOwnAnswers() {
        String csv = "\uFEFFfigure,value\r\nmqls,120\r\n\"reason, with a comma\",3\r\n";
        api.on("GET", "/v1/reports/nps", ok(contract("nps")));
        api.on("GET", "/v1/reports/calibration", ok(contract("calibration")));

        assertEquals(contract("nps") + (contract("nps").endsWith("\n") ? "" : "\n"),
                run("reports", "nps", "--format", "json").out());
        assertEquals("application/json", api.last().header("accept"));

        api.on("GET", "/v1/reports/audit", new FakeAdminApi.Answer(200, "text/csv; charset=utf-8", csv));
        Cli.Run run = run("--format=csv", "reports", "audit", "--from", "2026-11-01");
        assertEquals(0, run.exit(), run.err());
        assertEquals(csv, run.out(), "as the API wrote it: BOM, CRLF and quotes");
        assertEquals("from=2026-11-01&format=csv", api.last().rawQuery());
        assertEquals("text/csv", api.last().header("accept"));
    }

    @Test
    void stagesPrintsLeadsAndAccountsPerStageAndTheMonthlyConversions() {
        serve("stages", contract("stages"));

        Cli.Run run = run("reports", "stages");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Leads by stage\n"
                + "stage        leads\n"
                + "lead           900\n"
                + "mql             40\n"
                + "sql             12\n"
                + "rejected         8\n"
                + "opportunity      6\n"
                + "won              3\n"
                + "lost             2\n"
                + "recycled         1\n\n"
                + "Accounts by stage\n"
                + "stage        accounts\n"
                + "account           300\n"), run.out());
        assertTrue(run.out().endsWith("Conversion to the next stage, by month\n"
                + "month    from  to           entered  converted  rate\n"
                + "2026-10  mql   sql               38         11  29.0%\n"
                + "2026-11  mql   sql               40         12  30.0%\n"
                + "2026-11  sql   opportunity       12          6  50.0%\n"), run.out());
    }

    @Test
    void calibrationPrintsTheAveragesAndRulesPerJourneyStageAndTheSuggestionBesideTodaysPoints() {
        serve("calibration", contract("calibration"));

        Cli.Run run = run("reports", "calibration");

        assertEquals(0, run.exit(), run.err());
        assertEquals("reached=mql", api.last().rawQuery());
        assertEquals("Points calibration: 37 leads reached mql; sales-ready threshold 100\n"
                + "journey stage  average interactions  rules (points today)                 suggested points\n"
                + "awareness                       5.0  blog-view 5, whitepaper-download 10              8.33\n"
                + "consideration                   3.0  webinar-signup 10                                8.33\n"
                + "decision                        4.0  pricing-page 15, demo-request 20                 8.33\n"
                + "suggested 8.33 points per interaction (100 / 12.0); today 12.0\n", run.out());

        run("reports", "calibration", "--reached", "WON");
        assertEquals("reached=won", api.last().rawQuery());
    }

    @Test
    void npsPrintsTheOverallScoreAndEachAccountTheUnhappiestFirst() {
        serve("nps", contract("nps"));

        Cli.Run run = run("reports", "nps");

        assertEquals(0, run.exit(), run.err());
        assertEquals("NPS overall\n"
                + "responses  promoters  passives  detractors  nps\n"
                + "       40         20        10          10   25\n\n"
                + "NPS by account, the unhappiest first\n"
                + "account         responses  promoters  passives  detractors  nps\n"
                + "acme.com                4          1         1           2  -25\n"
                + "globex.example         10          6         2           2   40\n", run.out());
    }

    @Test
    void emptyReportsSayWhatIsMissing() {
        serve("stages", "{\"leads\":{\"lead\":0},\"accounts\":{},\"conversions\":[]}");
        serve("calibration", "{\"reached\":\"won\",\"threshold\":100,\"leads\":0,\"stages\":[],\"sumOfAverages\":0,"
                + "\"suggestedPointsPerInteraction\":null,\"currentPointsPerInteraction\":null}");
        serve("nps", "{\"overall\":{\"responses\":0,\"promoters\":0,\"passives\":0,\"detractors\":0,\"nps\":null},"
                + "\"accounts\":[]}");
        serve("audit", "{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"model\":\"default\",\"mqls\":0,"
                + "\"needsReview\":false,\"warning\":null,\"acceptanceRate\":null,\"topRejectionReasons\":[],"
                + "\"rules\":[],\"weeks\":[]}");

        assertEquals("Leads by stage: no lead has been scored yet\n\nAccounts by stage: no account has formed yet\n\n"
                + "Conversion to the next stage, by month: no lead has moved between stages yet\n",
                run("reports", "stages").out());
        assertEquals("Points calibration: 0 leads reached won; sales-ready threshold 100\n"
                + "no rule of the model is tagged with a buyer-journey stage\n",
                run("reports", "calibration", "--reached", "won").out());
        assertEquals("NPS: no answer yet (nps_response events with properties.score 0-10)\n",
                run("reports", "nps").out());
        String audit = run("reports", "audit").out();
        assertTrue(audit.contains("\nacceptance rate\n") && audit.contains("Top rejection reasons: no MQL of the period"
                + " was rejected\n") && audit.endsWith("By week: the period has no week\n"), audit);
    }
}
