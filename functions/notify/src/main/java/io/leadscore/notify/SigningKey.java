package io.leadscore.notify;

import java.util.regex.Pattern;

/**
 * A key that signs webhooks, with the id a receiver knows it by. During a rotation two keys sign each request (the
 * new one first), so that receivers can move from the old key to the new at their own pace.
 */
record SigningKey(String id, String secret) {
    /** Long enough that the key cannot be guessed; {@code openssl rand -hex 32} gives 64 characters. */
    static final int MIN_SECRET_LENGTH = 32;
    /** A key id goes into the signature header: plain characters only. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    @Override
    public String toString() {
        return "SigningKey[" + id + ", secret hidden]";
    }
}
