package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard end to end, in headless Chromium: a visitor on a customer's website (another origin, with the
 * tracking snippet from {@code GET /v1/track.js}) views the pricing page, requests a demo with her email and
 * watches the product tour to the end; the local runtime records, scores and serves her; and the dashboard, opened
 * with the admin key in its fragment as the runtime's banner prints it, shows her. The screenshot is left in
 * {@code target/dashboard.png}.
 *
 * <p>Chromium is Debian's; the test installs it with apt-get when it is missing, and is skipped, never failed, only
 * when it cannot be installed.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String LEAD = "casey-e2e";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png").toAbsolutePath();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static LocalRuntime runtime;
    private static HttpServer website;

    @TempDir
    Path profiles;

    @BeforeAll
    static void start() throws Exception {
        installChromiumIfMissing();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0));
        website = customerWebsite();
    }

    @AfterAll
    static void stop() {
        if (website != null) {
            website.stop(0);
        }
        if (runtime != null) {
            runtime.close();
            BusSchemas.assertConform(runtime.bus().published());
        }
    }

    @Test
    void aVisitorTrackedInTheBrowserIsScoredAndShownOnTheDashboard() throws Exception {
        String page = chromium("--dump-dom", "--virtual-time-budget=8000", "http://127.0.0.1:"
                + website.getAddress().getPort() + "/pricing");
        assertTrue(page.contains("<p id=\"status\">visited</p>"), "the page ran its visit with the snippet:\n" + page);

        ScoringModel model = ModelLoader.defaultModel();
        Map<String, Integer> expected = new TreeMap<>(Map.of(
                "pricing-page", points(model, "pricing-page"),            // the page view: /pricing
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

        URI leadPage = URI.create("http://localhost:" + runtime.baseUri().getPort() + LocalRuntime.DASHBOARD_PATH
                + "#/lead/" + LEAD + "?key=" + runtime.options().adminKey());
        String dashboard = chromium("--dump-dom", "--virtual-time-budget=10000", leadPage.toString());
        assertTrue(dashboard.contains(LEAD), "the lead's page names the lead:\n" + dashboard);
        assertTrue(dashboard.contains("Casey Jordan") && dashboard.contains(">" + score + "<"),
                "the lead's page shows her name and score:\n" + dashboard);
        assertTrue(dashboard.contains("class=\"chart\""), "the score history is drawn:\n" + dashboard);

        Files.deleteIfExists(SCREENSHOT);
        chromium("--screenshot=" + SCREENSHOT, "--window-size=1280,900", "--hide-scrollbars",
                "--virtual-time-budget=10000", leadPage.toString());
        assertTrue(Files.size(SCREENSHOT) > 10_000, "a screenshot of the dashboard at " + SCREENSHOT);
        System.out.println("dashboard screenshot: " + SCREENSHOT);
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

    /** Runs headless Chromium as this machine allows it (as root, in a closed network); what it printed. */
    private String chromium(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium")));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(profiles, "chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within a minute: " + command);
        }
        assertEquals(0, process.exitValue(), "Chromium failed: " + command);
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
