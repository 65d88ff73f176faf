package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.BacktestReport;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard end to end, in headless Chromium: a visitor on a customer's website (another origin, with the
 * tracking snippet from {@code GET /v1/track.js}) views the pricing page, requests a demo with her email,
 * watches the product tour to the end and reads on for 35 seconds before she leaves (the snippet's page_engaged
 * beacon); the local runtime records, scores and serves her; and the dashboard, opened
 * with the admin key in its fragment as the runtime's banner prints it, shows her. The screenshot is left in
 * {@code target/dashboard.png}. Model -> Revisions shows a revision drafted through the admin API beside the seeded
 * one, its changed cell highlighted ({@code target/dashboard-revisions.png}); and a backtest's report, a saved one
 * answered for its job, renders through the same page ({@code target/dashboard-backtest.png}); and the Reports page
 * draws the reports' JSON as the contract gives it, the re-evaluation warning first
 * ({@code target/dashboard-reports.png}). Every page runs
 * under the runtime's content security policy, and Chromium's console must report no violation of it.
 *
 * <p>Chromium is Debian's; the test installs it with apt-get when it is missing, and is skipped, never failed, only
 * when it cannot be installed.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String LEAD = "casey-e2e";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png").toAbsolutePath();
    private static final Path REVISIONS_SCREENSHOT = Path.of("target", "dashboard-revisions.png").toAbsolutePath();
    private static final Path BACKTEST_SCREENSHOT = Path.of("target", "dashboard-backtest.png").toAbsolutePath();
    private static final Path SEGMENT_SCREENSHOT = Path.of("target", "dashboard-segment.png").toAbsolutePath();
    /** A finished backtest's job as the admin API answers it (design-13's report shape), shared with the node tests. */
    private static final Path FIXTURES = Path.of("..", "..", "web", "test", "fixtures");
    private static final Path BACKTEST_JOB = FIXTURES.resolve("backtest-job.json");
    private static final Path REPORTS_SCREENSHOT = Path.of("target", "dashboard-reports.png").toAbsolutePath();
    /** The report routes, answered with the contract's JSON (the node tests' and the CLI's fixtures). */
    private static final List<String> REPORTS = List.of("audit", "stages", "calibration", "nps");
    private static final String REVISIONS = "/v1/models/default/revisions";
    private static final HttpClient http = HttpClient.newHttpClient();

    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));
    private static HttpServer website;

    @TempDir
    Path profiles;

    @BeforeAll
    static void start() throws Exception {
        installChromiumIfMissing();
        website = customerWebsite();
    }

    @AfterAll
    static void stop() {
        if (website != null) {
            website.stop(0);
        }
        BusSchemas.assertConform(runtime.bus().published());
    }

    @Test
    void aVisitorTrackedInTheBrowserIsScoredAndShownOnTheDashboard() throws Exception {
        String page = chromium("--dump-dom", "--virtual-time-budget=40000", "http://127.0.0.1:"
                + website.getAddress().getPort() + "/pricing");
        assertTrue(page.contains("<p id=\"status\">visited</p>"), "the page ran its visit with the snippet:\n" + page);

        ScoringModel model = ModelLoader.defaultModel();
        Map<String, Integer> expected = new TreeMap<>(Map.of(
                "pricing-page", points(model, "pricing-page"),            // the page view: /pricing
                "pricing-page-read", points(model, "pricing-page-read"),  // 35 s read, sent by beacon on pagehide
                "demo-request", points(model, "demo-request"),            // the form, id demo-request
                "video-half-watched", points(model, "video-half-watched"), // the tour, past 50%
                "video-completed", points(model, "video-completed"),      // ... and to the end
                "title-decision-maker", points(model, "title-decision-maker"), // VP Marketing
                "target-country", points(model, "target-country")));      // DE; a company email costs nothing
        int score = expected.values().stream().mapToInt(Integer::intValue).sum();
        JsonNode lead = awaitScore(score);
        Map<String, Integer> breakdown = new TreeMap<>();
        lead.get("breakdown").forEach(line -> breakdown.put(line.get("rule").asText(), line.get("points").asInt()));
        assertEquals(expected, breakdown, lead.toString());
        assertEquals("casey.jordan@globex.example", lead.at("/profile/email").asText());

        String dashboard = dashboard("#/lead/" + LEAD);
        assertTrue(dashboard.contains(LEAD), "the lead's page names the lead:\n" + dashboard);
        assertTrue(dashboard.contains("Casey Jordan") && dashboard.contains(">" + score + "<"),
                "the lead's page shows her name and score:\n" + dashboard);
        assertTrue(dashboard.contains("class=\"chart\""), "the score history is drawn:\n" + dashboard);
        screenshot(SCREENSHOT, "1280,900", dashboardAt("#/lead/" + LEAD));
    }

    @Test
    void aRevisionDraftedThroughTheAdminApiShowsBesideTheFirstWithItsChangeHighlighted() throws Exception {
        String seeded = admin(HttpRequest.newBuilder(runtime.baseUri().resolve(REVISIONS + "/1?format=yaml")), 200);
        String pricing = "when: { url: { glob: \"*/pricing*\" } }\n    points: 15";
        String notes = "notes: Sales calls pricing visits the strongest signal short of a demo request.";
        assertTrue(seeded.contains(pricing) && seeded.contains(notes), "the seeded model as this test knows it:\n" + seeded);
        String draft = seeded.replace(pricing, pricing.replace("15", "10"))
                .replace(notes, "notes: \"Q1 review: sales find that pricing visits are mostly existing customers.\"");
        JsonNode drafted = Json.mapper().readTree(admin(HttpRequest.newBuilder(runtime.baseUri().resolve(REVISIONS))
                .header("content-type", "application/yaml").header("x-notes", "Q1 review: pricing visits matter less")
                .POST(HttpRequest.BodyPublishers.ofString(draft)), 201));
        int number = drafted.get("number").asInt();

        String page = dashboard("#/model/revisions");
        String row = element(page, "<tr data-key=\"rule:pricing-page\"", "</tr>");
        String changed = element(row, "<td class=\"cell changed\" data-revision=\"" + number + "\"", "</td>");
        assertTrue(changed.contains("10 ·") && changed.contains("cell-note")
                && changed.contains("pricing visits are mostly existing customers"),
                "the new value, highlighted, with the sales team's note:\n" + changed);
        assertTrue(row.contains("<td class=\"cell\" data-revision=\"1\">15 ·"), "revision 1 as it was:\n" + row);
        assertEquals(1, count(page, "class=\"cell changed"), "the one change, and nothing else, highlighted:\n" + page);
        assertTrue(page.contains("Q1 review: pricing visits matter less"), "the revision's notes:\n" + page);
        assertTrue(page.contains("aria-label=\"Publish revision " + number + "\"")
                && page.contains("aria-label=\"Backtest revision " + number + "\""), "its actions:\n" + page);
        screenshot(REVISIONS_SCREENSHOT, "1280,1400", dashboardAt("#/model/revisions?from=1&to=" + number));

        String revision = dashboard("#/model/revisions/" + number);
        assertTrue(element(revision, "<pre class=\"yaml\"", "</pre>").contains("points: 10"), "its YAML:\n" + revision);
    }

    @Test
    void aBacktestReportRendersItsChartsAndTablesFromASavedReport() throws Exception {
        JsonNode job = Json.mapper().readTree(Files.readString(BACKTEST_JOB));
        assertShape(BacktestReport.Summary.class, job.get("report"), "report");
        HttpServer api = apiWith(Map.of("/v1/jobs/" + job.get("jobId").asText(),
                Json.mapper().writeValueAsBytes(job)));
        try {
            String report = "http://localhost:" + api.getAddress().getPort() + LocalRuntime.DASHBOARD_PATH + "#/job/"
                    + job.get("jobId").asText() + "?key=" + runtime.options().adminKey();
            String page = chromium("--dump-dom", "--virtual-time-budget=10000", report);
            int buckets = job.at("/report/histogram/buckets").size();
            String histogram = element(page, "<div class=\"chart-box histogram\"", "</svg>");
            assertEquals(buckets, count(histogram, "class=\"column baseline\""), "a baseline bar per bucket:\n" + histogram);
            assertEquals(buckets, count(histogram, "class=\"column candidate\""), "a candidate bar beside each:\n" + histogram);
            String weekly = element(page, "<div class=\"chart-box weekly\"", "</svg>");
            assertEquals(2, count(weekly, "class=\"series-line "), "the weekly crossings, a line per revision:\n" + weekly);
            assertTrue(page.contains("Leads at or above each threshold") && page.contains("Leads whose qualification changes"),
                    page);
            assertTrue(element(page, "<tr class=\"differs\"", "</tr>").contains("pricing-page"),
                    "the rule whose points differ, highlighted:\n" + page);
            assertTrue(page.contains("href=\"#/lead/dana%40acme.example\""), "a changed lead links to its page:\n" + page);
            screenshot(BACKTEST_SCREENSHOT, "1280,2600", report);
        } finally {
            api.stop(0);
        }
    }

    @Test
    void theReportsPageShowsTheWarningChartsAndTablesOfTheReports() throws Exception {
        Map<String, byte[]> answers = new TreeMap<>();
        for (String report : REPORTS) {
            answers.put("/v1/reports/" + report, Files.readAllBytes(FIXTURES.resolve("reports-" + report + ".json")));
        }
        HttpServer api = apiWith(answers);
        try {
            String reports = "http://localhost:" + api.getAddress().getPort() + LocalRuntime.DASHBOARD_PATH
                    + "#/reports?key=" + runtime.options().adminKey();
            String page = chromium("--dump-dom", "--virtual-time-budget=10000", reports);
            String warning = element(page, "<div class=\"review-warning\" role=\"alert\">", "</div>");
            assertTrue(warning.contains("50 of the 90 decided MQLs (55.6%) were rejected"), warning);
            assertTrue(page.indexOf(warning) < page.indexOf("<form class=\"filters period\""),
                    "the warning before everything else:\n" + page);
            String funnel = element(page, "<div class=\"chart-box funnel\"", "</svg>");
            assertEquals(8, count(funnel, "class=\"column primary\""), "a bar per lead stage:\n" + funnel);
            String weekly = element(page, "<div class=\"chart-box weekly\"", "</svg>");
            assertEquals(1, count(weekly, "class=\"series-line primary\""), weekly);
            assertEquals(4, count(weekly, "class=\"point primary\""), "a point per week with decisions:\n" + weekly);
            assertTrue(element(page, "<tr class=\"differs\"", "</tr>").contains("careers-page"),
                    "the rule that predicts rejection, highlighted:\n" + page);
            assertTrue(page.contains("Suggested</span><span class=\"value\">8.33</span>"), "the suggestion:\n" + page);
            assertTrue(page.contains("href=\"#/account/acme.com\"") && page.contains("<b class=\"neg\">\u221225</b>"),
                    "the unhappiest account first, its NPS negative:\n" + page);
            screenshot(REPORTS_SCREENSHOT, "1280,3000", reports);
        } finally {
            api.stop(0);
        }
    }

    /**
     * A segment of the leads list, from its address: the leads at sql or opportunity graded A or B, lowest first,
     * with those boxes checked; leads written as they are (fit, engagement, stage), so the order is read off them.
     */
    @Test
    void theLeadsListShowsASegmentLowestFirstWithItsFiltersChecked() throws Exception {
        Instant at = Instant.parse("2026-11-02T09:00:00Z");
        List<Lead> leads = new ArrayList<>();
        for (Object[] row : List.of(new Object[]{"seg-ana", 45, 50, Stage.SQL}, new Object[]{"seg-bo", 32, 10, Stage.SQL},
                new Object[]{"seg-cy", 5, 80, Stage.SQL}, new Object[]{"seg-di", 41, 20, Stage.OPPORTUNITY},
                new Object[]{"seg-ed", 44, 60, Stage.LOST})) {
            leads.add(Lead.newLead((String) row[0]).toBuilder().stage((Stage) row[3]).lastActivityAt(at)
                    .profile(Map.of("email", row[0] + "@acme.example"))
                    .breakdown(Map.of("title", new RuleTally(ScoreKind.FIT, null, (int) row[1], 1, at),
                            "pricing-page", new RuleTally(ScoreKind.ENGAGEMENT, null, (int) row[2], 1, at)))
                    .build());
        }
        new LeadStore(runtime.dynamoDb().client(), runtime.dynamoDb().tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT).importLeads(leads);
        String route = "#/leads?stage=sql,opportunity&grade=A,B&order=asc";

        String page = dashboard(route);
        // A or B (fit 30+): ana 95, bo 42, di 61, ed 104 (lost: out); cy is F. Lowest first: bo, di, ana.
        String rows = element(page, "<tbody>", "</tbody>");
        List<String> listed = new ArrayList<>();
        java.util.regex.Matcher lead = java.util.regex.Pattern.compile("href=\"#/lead/(seg-[a-z]+)\"").matcher(rows);
        while (lead.find()) {
            listed.add(lead.group(1));
        }
        assertEquals(List.of("seg-bo", "seg-di", "seg-ana"), listed, rows);
        for (String box : List.of("name=\"stage\" value=\"sql\"", "name=\"stage\" value=\"opportunity\"",
                "name=\"grade\" value=\"A\"", "name=\"grade\" value=\"B\"")) {
            assertTrue(element(page, "<input type=\"checkbox\" " + box, ">").contains("checked"), box + ":\n" + page);
        }
        assertTrue(element(page, "<input type=\"checkbox\" name=\"stage\" value=\"lost\"", ">").indexOf("checked") < 0,
                page);
        assertTrue(page.contains("Ranked by score, lowest first.") && page.contains(">Download CSV<"), page);
        screenshot(SEGMENT_SCREENSHOT, "1280,900", dashboardAt(route));
    }

    /** The dashboard's DOM at {@code route}, opened with the admin key as the runtime's banner gives it. */
    private String dashboard(String route) throws IOException, InterruptedException {
        return chromium("--dump-dom", "--virtual-time-budget=10000", dashboardAt(route));
    }

    /** A screenshot of the page at {@code url}, in a window of {@code windowSize} ("width,height"). */
    private void screenshot(Path file, String windowSize, String url) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        chromium("--screenshot=" + file, "--window-size=" + windowSize, "--hide-scrollbars", "--virtual-time-budget=10000",
                url);
        assertTrue(Files.size(file) > 10_000, "a screenshot of the dashboard at " + file);
        System.out.println("dashboard screenshot: " + file);
    }

    private static String dashboardAt(String route) {
        return "http://localhost:" + runtime.baseUri().getPort() + LocalRuntime.DASHBOARD_PATH + route
                + (route.contains("?") ? "&" : "?") + "key=" + runtime.options().adminKey();
    }

    /** An admin API request's answer, which must have {@code status}. */
    private static String admin(HttpRequest.Builder request, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("authorization", "Bearer "
                + runtime.options().adminKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return response.body();
    }

    /** The first element of {@code html} that starts with {@code start}, up to the end of {@code end}. */
    private static String element(String html, String start, String end) {
        int from = html.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in:\n" + html);
        int to = html.indexOf(end, from);
        assertTrue(to >= 0, "no " + end + " after " + start + " in:\n" + html);
        return html.substring(from, to + end.length());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /**
     * The saved report has the fields of the record the domain makes the report from, no more and no fewer, at every
     * level (lists by their first element), so that the page is tested on the shape the admin API will answer.
     */
    private static void assertShape(Class<?> type, JsonNode node, String place) {
        if (!type.isRecord()) {
            return;
        }
        Map<String, RecordComponent> components = new TreeMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.put(component.getName(), component);
        }
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        assertEquals(components.keySet(), new TreeSet<>(fields), place + " has the fields of " + type.getSimpleName());
        components.forEach((name, component) -> {
            JsonNode value = node.get(name);
            if (value.isArray() && !value.isEmpty()
                    && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element) {
                assertShape(element, value.get(0), place + "." + name + "[0]");
            } else if (value.isObject()) {
                assertShape(component.getType(), value, place + "." + name);
            }
        });
    }

    /**
     * The API as it will answer routes not in this runtime yet (a finished backtest's job, the reports being built
     * beside this page): these paths answered with saved JSON, whatever their query, and everything else (the
     * dashboard's files with their headers, the query API) from the runtime itself.
     */
    private static HttpServer apiWith(Map<String, byte[]> answers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] answer = answers.get(exchange.getRequestURI().getRawPath());
                if (answer != null) {
                    exchange.getResponseHeaders().set("content-type", "application/json");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(runtime.baseUri().resolve(
                        exchange.getRequestURI().getRawPath()));
                String authorization = exchange.getRequestHeaders().getFirst("authorization");
                if (authorization != null) {
                    forward.header("authorization", authorization);
                }
                HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().map().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                            && !name.equalsIgnoreCase("date")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                        : response.body().length);
                exchange.getResponseBody().write(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static int points(ScoringModel model, String rule) {
        return Stream.concat(model.rules().stream().filter(r -> r.id().equals(rule)).map(r -> r.points()),
                model.fitRules().stream().filter(r -> r.id().equals(rule)).map(r -> r.points())).findFirst()
                .orElseThrow(() -> new AssertionError("the default model has no rule " + rule));
    }

    /** The lead as the query API explains it, once its score is {@code score}: the events are scored by then. */
    private static JsonNode awaitScore(int score) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            runtime.awaitStreams(WAIT);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/leads/" + LEAD))
                    .header("authorization", "Bearer " + runtime.options().adminKey()).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode lead = Json.mapper().readTree(response.body());
                if (lead.get("score").asInt() == score) {
                    return lead;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the lead did not reach " + score + " within " + WAIT + ": " + last);
    }

    /**
     * Runs headless Chromium as this machine allows it (as root, in a closed network); what it printed. Its console
     * (on stderr) must hold no violation of a page's content security policy: the dashboard runs no inline script or
     * style, and nothing the policy refuses.
     */
    private String chromium(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium")));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(profiles, "chromium", ".out");
        Path log = Files.createTempFile(profiles, "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within a minute: " + command);
        }
        assertEquals(0, process.exitValue(), "Chromium failed: " + command);
        List<String> console = Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE"))
                .filter(line -> line.contains("Content Security Policy") || line.contains("Uncaught")).toList();
        assertEquals(List.of(), console, "the page's console reports a policy violation or an error: " + command);
        return Files.readString(output);
    }

    /** The customer's site, on an origin of its own: the test page, with the runtime's snippet and write key. */
    private static HttpServer customerWebsite() throws IOException {
        String html;
        try (InputStream in = DashboardBrowserTest.class.getResourceAsStream("pricing.html")) {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{api}}", runtime.baseUri().toString())
                    .replace("{{writeKey}}", LocalRuntime.BROWSER_KEY)
                    .replace("{{leadId}}", LEAD);
        }
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/pricing")) {
                    exchange.getResponseHeaders().set("content-type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
        return server;
    }

    /** Debian's Chromium, installed with apt-get when missing; the test is skipped only when that cannot be done. */
    private static void installChromiumIfMissing() throws InterruptedException {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String log = "";
        try {
            for (List<String> step : List.of(List.of("apt-get", "update"), List.of("apt-get", "install", "-y", "chromium"))) {
                ProcessBuilder apt = new ProcessBuilder(step).redirectErrorStream(true);
                apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process process = apt.start();
                byte[] out = process.getInputStream().readAllBytes();
                log = new String(out, StandardCharsets.UTF_8);
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    break;
                }
            }
        } catch (IOException e) {
            log = e.toString();
        }
        if (!Files.isExecutable(CHROMIUM)) {
            Assumptions.abort("Chromium is not installed at " + CHROMIUM + " and `apt-get install -y chromium` could not"
                    + " install it (it needs root and a reachable package mirror): "
                    + log.substring(Math.max(0, log.length() - 400)).strip());
        }
    }
}
