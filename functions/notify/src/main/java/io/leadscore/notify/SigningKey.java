package io.leadscore.notify;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A key that signs webhooks, written as Standard Webhooks serialises it ({@code whsec_} and the base64 of the key's
 * bytes), so that a receiver gives the same string to its language's {@code standardwebhooks} library. The id names
 * the key in the secret and in errors; receivers never see it. During a rotation two keys sign each request (the new
 * one first), so that receivers can move from the old key to the new at their own pace.
 */
record SigningKey(String id, String secret) {
    static final String PREFIX = "whsec_";
    /** The spec's bounds for an HMAC-SHA256 key: 192 to 512 random bits. */
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    /** A key id names the key in the secret and in errors: plain characters only. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** What keeps this secret from signing, if anything; never quotes the secret. */
    Optional<String> problem() {
        String hint = ": write it as " + PREFIX + " followed by the base64 of " + MIN_BYTES + " to " + MAX_BYTES
                + " random bytes, e.g. " + PREFIX + "$(openssl rand -base64 32)";
        if (!secret.startsWith(PREFIX)) {
            return Optional.of("does not start with " + PREFIX + hint);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of("is not base64 after " + PREFIX + hint);
        }
        if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
            return Optional.of("has " + bytes.length + " bytes" + hint);
        }
        return Optional.empty();
    }

    /** The HMAC key: the bytes the base64 after the prefix stands for. */
    byte[] bytes() {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + ", secret hidden]";
    }
}
