package io.leadscore.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: content-derived ids and stored key hashes; and stable buckets of ids. */
public final class Sha256 {
    private Sha256() {
    }

    public static String hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Which of {@code buckets} a text falls in, the same on every machine and run: for spreading keys over shards. */
    public static int bucket(String text, int buckets) {
        return Integer.parseInt(hex(text).substring(0, 4), 16) % buckets;
    }
}
