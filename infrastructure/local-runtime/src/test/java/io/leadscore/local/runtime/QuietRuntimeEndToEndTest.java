package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, part 6: a local runtime left alone stops polling its stream every 100 ms, and a lead that qualifies after
 * a quiet spell is still scored, published and announced on the webhook.
 */
class QuietRuntimeEndToEndTest {

    @Test
    void anIdleRuntimeBacksOffAndAnEventAfterTheQuietSpellStillReachesTheWebhook() throws Exception {
        try (WebhookReceiver salesTeam = new WebhookReceiver();
             LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                     .withEnvironment(NotificationLatency.webhookTo(salesTeam)))) {
            sleep(Duration.ofSeconds(4)); // 100 + 200 + 400 + 800 + 1,600 ms of empty waits
            long before = runtime.streamPolls();
            sleep(Duration.ofSeconds(5));
            long polls = runtime.streamPolls() - before;
            // Three pollers (score, shadow, publish) every 100 ms, as before, made about 150 passes in five seconds;
            // backed off, a handful each (at most four).
            assertTrue(polls <= 12, polls + " passes over five idle seconds");

            HttpClient http = HttpClient.newHttpClient();
            NotificationLatency.post(http, runtime, NotificationLatency.warmUp("quinn"));
            NotificationLatency.post(http, runtime, NotificationLatency.qualifying("quinn"));
            WebhookReceiver.Received hook = salesTeam.await(body -> body.contains("\"quinn\""), Duration.ofSeconds(30));
            JsonNode body = Json.mapper().readTree(hook.body());
            assertEquals("LeadQualified", body.get("type").asText());
            assertEquals(105, body.at("/data/score").asInt());
        }
    }

    private static void sleep(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
