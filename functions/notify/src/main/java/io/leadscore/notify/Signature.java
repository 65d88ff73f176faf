package io.leadscore.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs webhooks as Standard Webhooks does: {@code v1,<base64 HMAC-SHA256 over "<message id>.<timestamp>.<body>">}
 * with every active key, separated by a space, the newest key first. The id and timestamp are signed with the body so
 * that a receiver can refuse old requests, and a captured request cannot be replayed under a fresh timestamp or id.
 * A receiver's library tries each signature with the one key it holds. Never prints its keys.
 */
final class Signature {
    static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SigningKey> keys;

    Signature(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    String sign(String messageId, long timestampSeconds, String body) {
        byte[] signed = (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        return keys.stream().map(key -> VERSION + "," + hmac(key, signed)).collect(Collectors.joining(" "));
    }

    private static String hmac(SigningKey key, byte[] signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to make
            mac.init(new SecretKeySpec(key.bytes(), ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Signature[HmacSHA256, keys " + keys.stream().map(SigningKey::id).toList() + ", secrets hidden]";
    }
}
