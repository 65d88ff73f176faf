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
import java.util.HexFormat;
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
    private static final String KEY_NEW = "n".repeat(40);
    private static final String KEY_OLD = "o".repeat(40);

    @Test
    void theFunctionReadsItsDestinationsAndKeyFromTheTemplatesSecret() {
        Map<String, String> env = LocalFunctions.environment("NotifyFunction");
        assertFalse(env.containsKey(NotifySettings.NOTIFY_CONFIG), "no destinations in plain environment variables");
        assertFalse(env.containsKey(NotifySettings.WEBHOOK_SECRET), "no key in plain environment variables");

        NotifySettings settings = NotifySettings.load(new Environment(env));

        assertTrue(settings.fromSecret());
        assertEquals("{\"destinations\":[{\"id\":\"sales\",\"type\":\"log\"}],\"default\":\"sales\"}", settings.configJson());
        assertEquals(1, settings.signingKeys().size());
        assertEquals(64, settings.signingKeys().get(0).secret().length(), "the template generates a 64-character key");
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
            String header = new Signature(settings.signingKeys()).sign(1_796_000_000L, "{\"a\":1}");

            assertEquals("v1,2026-12=" + hmac(KEY_NEW, "1796000000.{\"a\":1}") + " v1,2026-06="
                    + hmac(KEY_OLD, "1796000000.{\"a\":1}"), header);
            assertFalse(settings.toString().contains(KEY_NEW), "keys never printed: " + settings);
        } finally {
            LocalSecretsManager.of(template).put(arn, "{\"notifyConfig\": {\"destinations\": [{\"id\": \"sales\","
                    + " \"type\": \"log\"}], \"default\": \"sales\"}, \"signingKey\": \"" + "k".repeat(64) + "\"}");
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

    private static String hmac(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
