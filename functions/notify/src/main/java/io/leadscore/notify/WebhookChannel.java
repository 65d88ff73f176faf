package io.leadscore.notify;

import io.leadscore.support.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic JSON webhook, signed per Standard Webhooks: the qualification (or review reminder) as data for a CRM or
 * an automation. The body is {@code {"type", "idempotencyKey", "occurredAt", "data"}}, data being the event's detail as
 * published; the signature covers the message id, the timestamp and the body (see {@link Signature}) and is made
 * afresh for every attempt, while the message id stays the same on every retry of one delivery.
 */
final class WebhookChannel implements Channel {
    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    /** 128 bits of the idempotency key's SHA-256: collisions are out of reach, and the header stays short. */
    private static final int ID_BYTES = 16;

    private final JsonPoster poster;
    private final Signature signature;
    /** Receivers compare the timestamp with their own clock: never the functions' (possibly shifted) one. */
    private final Clock wallClock = Clock.systemUTC();

    WebhookChannel(JsonPoster poster, Signature signature) {
        this.poster = poster;
        this.signature = signature;
    }

    @Override
    public Attempt send(Notification notification) {
        String body = body(notification);
        long timestamp = wallClock.instant().getEpochSecond();
        String id = messageId(notification.idempotencyKey());
        return poster.post(notification.destination().url(), body, notification.idempotencyKey(), Map.of(ID, id,
                TIMESTAMP, String.valueOf(timestamp), SIGNATURE, signature.sign(id, timestamp, body)));
    }

    /**
     * The Standard Webhooks message id: derived from the idempotency key (one per qualification and destination), so
     * every retry carries the same one; hashed because that key holds lead ids, which may hold dots (the signed text's
     * separator) or characters a header cannot carry.
     */
    static String messageId(String idempotencyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(Arrays.copyOf(hash, ID_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String body(Notification notification) {
        Notice event = notification.event();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.detailType());
        body.put("idempotencyKey", notification.idempotencyKey());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("data", event.detail());
        return Json.write(body);
    }
}
