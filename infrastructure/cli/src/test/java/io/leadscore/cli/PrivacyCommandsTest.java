package io.leadscore.cli;

import io.leadscore.local.runtime.LocalRuntime;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code leadscore privacy export} and {@code privacy erase} (by id and by email) against the local runtime. */
class PrivacyCommandsTest {
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));

    @BeforeAll
    static void faySentTwoEventsGusAndHalOne() throws Exception {
        Instant at = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        String events = "{\"events\": ["
                + event("fay", "fay-1", "page_view", at, "\"url\": \"https://acme.example/pricing\"") + ", "
                + event("fay", "fay-2", "identify", at.plusSeconds(60), "\"email\": \"fay@initech.example\"") + ", "
                + event("gus", "gus-1", "identify", at, "\"email\": \"gus@initech.example\"") + ", "
                + event("hal", "hal-1", "page_view", at, "\"url\": \"https://acme.example/blog\"") + "]}";
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        runtime.baseUri().resolve("/v1/events")).header("content-type", "application/json")
                .header("x-write-key", runtime.options().writeKey()).POST(HttpRequest.BodyPublishers.ofString(events))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, posted.statusCode(), posted.body());
        runtime.awaitStreams(Duration.ofSeconds(30));
    }

    @Test
    void exportsThenErasesByEmailWhatEverCaseItIsWrittenIn() {
        Cli.Run exported = run("privacy", "export", "fay");
        assertEquals(0, exported.exit(), exported.err());
        assertTrue(exported.out().startsWith("{\"lead\":{\"id\":\"fay\""), exported.out());
        assertTrue(exported.out().contains("\"eventId\":\"fay-2\""), exported.out());

        Cli.Run erased = run("privacy", "erase", "Fay@Initech.example");
        assertEquals(0, erased.exit(), erased.err());
        assertEquals("erased fay: 2 activities, 2 ledger entries, 0 announcements, 0 deliveries, 0 merged visitors,"
                + " its share of initech.example", erased.out().strip());

        Cli.Run gone = run("privacy", "export", "fay");
        assertEquals(1, gone.exit());
        assertTrue(gone.err().contains("lead_not_found"), gone.err());
        assertEquals(0, run("privacy", "export", "gus").exit(), "Gus, of the same account, stays");
    }

    @Test
    void anEmailNoLeadHasIsAFailureThatSaysSo() {
        Cli.Run none = run("privacy", "erase", "nobody@initech.example");
        assertEquals(1, none.exit());
        assertEquals("no lead has the email nobody@initech.example", none.err().strip());
    }

    @Test
    void erasingByIdTwiceRemovesNothingTheSecondTime() {
        assertEquals(0, run("privacy", "erase", "hal").exit());
        Cli.Run again = run("--format=json", "privacy", "erase", "hal");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().startsWith("[{\"leadId\":\"hal\",\"activities\":0,\"ledgerEntries\":0,"), again.out());
    }

    private static Cli.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint=" + runtime.baseUri(),
                "--admin-key=" + runtime.options().adminKey()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private static String event(String lead, String id, String type, Instant at, String properties) {
        return "{\"eventId\": \"" + id + "\", \"type\": \"" + type + "\", \"leadId\": \"" + lead
                + "\", \"timestamp\": \"" + at + "\", \"properties\": {" + properties + "}}";
    }
}
