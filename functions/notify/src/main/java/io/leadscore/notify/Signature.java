package io.leadscore.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs webhook bodies: {@code v1=<hex HMAC-SHA256 over "<timestamp>.<body>">} with the UTF-8 bytes of
 * {@code WEBHOOK_SECRET} as the key. The timestamp is signed with the body so that a receiver can refuse old
 * requests, and a captured request cannot be replayed with a fresh timestamp. Never prints its key.
 */
final class Signature {
    static final String VERSION = "v1=";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    Signature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String sign(long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to make
            mac.init(key);
            byte[] digest = mac.doFinal((timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return VERSION + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Signature[HmacSHA256, key hidden]";
    }
}
