package io.leadscore.notify;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks signed per the Standard Webhooks specification: the signature matches the spec's published test vector,
 * real deliveries verify with the reference Java library exactly as the README shows, rotation gives every receiver a
 * signature it can check, the message id holds across retries, and a secret not in the spec's form is refused.
 */
class StandardWebhooksTest {
    /** The test vector of the reference libraries' tests (JavaScript, Python, Go, C#, Java). */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_PAYLOAD = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String OLD_KEY = NotifyConfigTest.SECRET;
    private static final String NEW_KEY = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private WebhookReceiver receiver;
    private DeliveryStore store;

    @BeforeEach
    void freshTableAndReceiver() {
        dynamoDb.freshTables();
        store = new DeliveryStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void signsTheSpecsTestVector() {
        assertEquals(SPEC_SIGNATURE, new Signature(List.of(new SigningKey("spec", SPEC_SECRET)))
                .sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_PAYLOAD));
    }

    @Test
    void theMessageIdIsOnePerQualificationAndDestination() {
        assertEquals("msg_f8f35a9d3d373f0ba0cd2999bf40bfcf", WebhookChannel.messageId("lead-42/salesReady/1/crm"));
        assertEquals("msg_de5ee01e1cf098f807e488c308fd7d80", WebhookChannel.messageId("lead-42/salesReady/1/sales"));
        assertEquals("msg_24674d859fed9b16daf618b1eb87efb2",
                WebhookChannel.messageId("account:globex.example/salesReady/1/crm"), "no dot of the lead id in it");
    }

    @Test
    void aDeliveryAndItsRetryVerifyWithTheReadmesJavaCode() throws WebhookVerificationException {
        receiver.answer("/crm", 503, 200);

        notifier(List.of(new SigningKey("env", OLD_KEY))).notify(Samples.lead(), Instant.now().plusSeconds(60));

        List<WebhookReceiver.Request> attempts = receiver.requests("/crm");
        assertEquals(2, attempts.size());
        for (WebhookReceiver.Request attempt : attempts) {
            assertEquals("msg_f8f35a9d3d373f0ba0cd2999bf40bfcf", attempt.headers().get("webhook-id"), "same on retry");
            assertEquals("lead-42/salesReady/1/crm", attempt.headers().get("x-leadscore-idempotency-key"), "kept");
            long sent = Long.parseLong(attempt.headers().get("webhook-timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - sent) <= 5, "this attempt's time: " + sent);
            assertNull(attempt.headers().get("x-leadscore-signature"), "the old scheme is replaced");
            assertTrue(attempt.headers().get("webhook-signature").matches("v1,[A-Za-z0-9+/]{43}="));

            String secret = OLD_KEY;
            String body = attempt.body();
            Map<String, List<String>> headers = multi(attempt.headers());
            // README "Signed webhooks", in Java:
            Webhook webhook = new Webhook(secret);   // "whsec_...", the destination's key as configured
            webhook.verify(body, headers);           // the raw body; throws if forged, tampered or over 5 minutes old

            assertThrows(WebhookVerificationException.class,
                    () -> webhook.verify(body.replace("\"score\":105", "\"score\":150"), headers));
        }
    }

    @Test
    void duringARotationReceiversOfTheOldKeyAndOfTheNewOneBothVerify() throws Exception {
        notifier(List.of(new SigningKey("2026-12", NEW_KEY), new SigningKey("2026-06", OLD_KEY)))
                .notify(Samples.lead(), Instant.now().plusSeconds(60));

        WebhookReceiver.Request request = receiver.requests("/crm").get(0);
        String[] signatures = request.headers().get("webhook-signature").split(" ");
        assertEquals(2, signatures.length, "one per key, the newest first");
        long timestamp = Long.parseLong(request.headers().get("webhook-timestamp"));
        assertEquals(new Webhook(NEW_KEY).sign(request.headers().get("webhook-id"), timestamp, request.body()),
                signatures[0]);
        new Webhook(NEW_KEY).verify(request.body(), multi(request.headers()));
        new Webhook(OLD_KEY).verify(request.body(), multi(request.headers()));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(SPEC_SECRET).verify(request.body(),
                multi(request.headers())), "a key that signed nothing");
    }

    @Test
    void aSecretNotInTheSpecsFormIsRefusedNamingTheDestinationAndTheKey() {
        String hint = ": write it as whsec_ followed by the base64 of 24 to 64 random bytes, e.g."
                + " whsec_$(openssl rand -base64 32)";
        Map<String, String> refusals = Map.of(
                "0123456789abcdef0123456789abcdef0123456789abcdef", "does not start with whsec_" + hint,
                "whsec_not base64!", "is not base64 after whsec_" + hint,
                "whsec_" + Base64.getEncoder().encodeToString(new byte[16]), "has 16 bytes" + hint,
                "whsec_" + Base64.getEncoder().encodeToString(new byte[65]), "has 65 bytes" + hint);
        refusals.forEach((secret, problem) -> {
            NotifyConfigException refused = assertThrows(NotifyConfigException.class,
                    () -> NotifyConfig.parse(config(), List.of(new SigningKey("2026-12", secret)), true));
            assertEquals(List.of("destinations[0]: signing key 2026-12 " + problem), refused.problems());
            assertFalse(refused.getMessage().contains(secret), "the secret is never printed");
        });
        NotifyConfig.parse(config(), List.of(new SigningKey("spec", SPEC_SECRET)), true); // 24 bytes: accepted
    }

    private Notifier notifier(List<SigningKey> keys) {
        return new Notifier(NotifyConfig.parse(config(), keys, true), store,
                new Retry(3, Duration.ofMillis(1), Duration.ofSeconds(2)), OutageBackoff.DEFAULT,
                new ManualClock(Instant.now()));
    }

    private String config() {
        return "{\"destinations\": [{\"id\": \"crm\", \"type\": \"webhook\", \"url\": \"" + receiver.url("/crm")
                + "\"}], \"default\": \"crm\"}";
    }

    /** Headers as a receiver's framework hands them to the library: each name with its values. */
    static Map<String, List<String>> multi(Map<String, String> headers) {
        Map<String, List<String>> all = new HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return all;
    }
}
