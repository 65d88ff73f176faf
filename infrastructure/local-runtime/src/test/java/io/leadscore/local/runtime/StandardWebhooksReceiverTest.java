package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.local.SamTemplate;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A receiver written with the {@code standardwebhooks} npm package (web/test/standard-webhooks-receiver.js, installed
 * by web's {@code npm ci}) takes a real delivery from the local runtime: a lead crossing salesReady verifies with
 * {@code new Webhook(secret).verify(body, headers)}, while the same request with a tampered body, or six minutes
 * after it was sent, is refused. Skipped, as web's npm tests are, where npm did not install the package.
 */
class StandardWebhooksReceiverTest {
    private static final Path WEB = SamTemplate.locate().getParent().resolve("web");
    private static final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private static Process receiver;
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isDirectory(WEB.resolve("node_modules/standardwebhooks")),
                "web's npm ci installs standardwebhooks (npm was not on the PATH)");
        ProcessBuilder node = new ProcessBuilder("node", "test/standard-webhooks-receiver.js").directory(WEB.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        node.environment().put("WEBHOOK_SECRET", NotificationLatency.SECRET);
        receiver = node.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                    StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "standard-webhooks-receiver");
        reader.setDaemon(true);
        reader.start();
        int port = next().get("listening").asInt();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0).withEnvironment(
                NotificationLatency.webhookTo(URI.create("http://127.0.0.1:" + port + "/hooks/leadscore"))));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (receiver != null) {
            receiver.destroy();
        }
    }

    @Test
    void aRealDeliveryVerifiesWithTheLibraryAndATamperedOrLateOneIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        NotificationLatency.post(http, runtime, NotificationLatency.warmUp("lena"));
        NotificationLatency.post(http, runtime, NotificationLatency.qualifying("lena"));

        JsonNode delivery = next();

        assertTrue(delivery.get("webhookId").asText().matches("msg_[0-9a-f]{32}"), delivery.toString());
        assertEquals("lena", delivery.at("/delivered/payload/data/leadId").asText(), delivery.toString());
        assertEquals(105, delivery.at("/delivered/payload/data/score").asInt(), "the verified payload, parsed");
        assertEquals("No matching signature found", delivery.at("/tampered/refused").asText());
        assertEquals("verified", delivery.get("fourMinutesLater").asText(), "within the library's 5 minutes");
        assertEquals("Message timestamp too old", delivery.get("sixMinutesLater").asText());
        // The receiver prints its line before it answers, and the notify function records the answer after that.
        runtime.bus().drain(Duration.ofSeconds(60));
        JsonNode lead = Json.mapper().readTree(http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/leads/lena"))
                .header("authorization", "Bearer " + runtime.options().adminKey()).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("delivered", lead.at("/notifications/0/deliveries/0/status").asText(),
                "the receiver answered 204, which it does only to a delivery that verifies");
    }

    /** The receiver's next JSON line. */
    private static JsonNode next() throws Exception {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertNotNull(line, "the node receiver printed nothing within 60 s");
        return Json.mapper().readTree(line);
    }
}
