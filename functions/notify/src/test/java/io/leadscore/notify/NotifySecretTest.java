package io.leadscore.notify;

import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.LocalSecretsManager;
import io.leadscore.local.SamTemplate;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notify's credentials come from Secrets Manager in AWS: the template's secret, read through the SDK from the local
 * stand-in here, never from plain environment variables; two keys sign during a rotation, each named.
 */
class NotifySecretTest {
    private static final String KEY_NEW = "whsec_" + Base64.getEncoder().encodeToString("n".repeat(32).getBytes());
    private static final String KEY_OLD = "whsec_" + Base64.getEncoder().encodeToString("o".repeat(32).getBytes());

    @Test
    void theFunctionReadsItsDestinationsAndKeyFromTheTemplatesSecret() {
        Map<String, String> env = LocalFunctions.environment("NotifyFunction");
        assertFalse(env.containsKey(NotifySettings.NOTIFY_CONFIG), "no destinations in plain environment variables");
        assertFalse(env.containsKey(NotifySettings.WEBHOOK_SECRET), "no key in plain environment variables");

        NotifySettings settings = NotifySettings.load(new Environment(env));

        assertTrue(settings.fromSecret());
        assertEquals("{\"destinations\":[{\"id\":\"sales\",\"type\":\"log\"}],\"default\":\"sales\"}", settings.configJson());
        assertEquals(List.of(), settings.signingKeys(), "a log destination needs no key, and a generated one could"
                + " not take the whsec_ form");
        new NotifyHandler(new Environment(env)).handleRequest(
                com.amazonaws.services.lambda.runtime.tests.EventLoader.loadScheduledEvent(Samples.LEAD_QUALIFIED), null);
    }

    @Test
    void aSecretWithTwoKeysSignsWithBothNewestFirst() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        String arn = template.secrets().get(0).arn();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("NotifyFunction"));
        LocalSecretsManager.of(template).put(arn, """
                {"notifyConfig": {"destinations": [{"id": "crm", "type": "webhook", "url": "https://crm.example/hook"}],
                                  "default": "crm"},
                 "signingKeys": [{"id": "2026-12", "secret": "%s"}, {"id": "2026-06", "secret": "%s"}]}"""
                .formatted(KEY_NEW, KEY_OLD));
        try {
            NotifySettings settings = NotifySettings.load(new Environment(env));
            String header = new Signature(settings.signingKeys()).sign("msg_1", 1_796_000_000L, "{\"a\":1}");

            assertEquals("v1," + hmac("n", "msg_1.1796000000.{\"a\":1}") + " v1,"
                    + hmac("o", "msg_1.1796000000.{\"a\":1}"), header);
            assertFalse(settings.toString().contains(KEY_NEW), "keys never printed: " + settings);
        } finally {
            LocalSecretsManager.of(template).put(arn, "{\"notifyConfig\": {\"destinations\": [{\"id\": \"sales\","
                    + " \"type\": \"log\"}], \"default\": \"sales\"}}");
        }
    }

    @Test
    void aMalformedSecretIsRefusedWithEveryProblemAndNoValue() {
        NotifyConfigException refused = assertThrows(NotifyConfigException.class, () -> NotifySettings.fromSecret(
                "{\"signingKeys\": [{\"id\": \"bad id!\", \"secret\": \"" + KEY_NEW + "\"}]}"));
        assertEquals(List.of("notifyConfig: required, the destinations and their routing (a JSON object)",
                "signingKeys[0].id: 1-32 of A-Z a-z 0-9 _ -"), refused.problems());
        assertFalse(refused.getMessage().contains(KEY_NEW));
        assertEquals(List.of("the secret is not JSON"),
                assertThrows(NotifyConfigException.class, () -> NotifySettings.fromSecret("not json")).problems());
    }

    /** The base64 HMAC-SHA256 keyed with 32 times the letter. */
    private static String hmac(String letter, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(letter.repeat(32).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
