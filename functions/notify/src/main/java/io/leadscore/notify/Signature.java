package io.leadscore.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Signs webhook bodies with every active key: {@code v1,<key id>=<hex HMAC-SHA256 over "<timestamp>.<body>">} for
 * each, separated by a space, the newest key first. The timestamp is signed with the body so that a receiver can
 * refuse old requests, and a captured request cannot be replayed with a fresh timestamp. A receiver checks the
 * signature of the key it holds, found by its id. Never prints its keys.
 */
final class Signature {
    static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SigningKey> keys;

    Signature(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    String sign(long timestampSeconds, String body) {
        byte[] signed = (timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        return keys.stream().map(key -> VERSION + "," + key.id() + "=" + hmac(key, signed))
                .collect(Collectors.joining(" "));
    }

    private static String hmac(SigningKey key, byte[] signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to make
            mac.init(new SecretKeySpec(key.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Signature[HmacSHA256, keys " + keys.stream().map(SigningKey::id).toList() + ", secrets hidden]";
    }
}
