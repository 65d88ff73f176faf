package io.leadscore.notify;

import io.leadscore.support.Json;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic JSON webhook, signed: the qualification (or review reminder) as data for a CRM or an automation. The body
 * is {@code {"type", "idempotencyKey", "occurredAt", "data"}}, data being the event's detail as published; the
 * signature covers the timestamp and the body (see {@link Signature}) and is made afresh for every attempt.
 */
final class WebhookChannel implements Channel {
    static final String TIMESTAMP = "x-leadscore-timestamp";
    static final String SIGNATURE = "x-leadscore-signature";

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
        return poster.post(notification.destination().url(), body, notification.idempotencyKey(),
                Map.of(TIMESTAMP, String.valueOf(timestamp), SIGNATURE, signature.sign(timestamp, body)));
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
