package io.leadscore.activity;

import io.leadscore.support.Json;
import io.leadscore.support.Sha256;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ids for events sent without one. Derived from the event's content, so that a client retrying the same
 * event without an id is still recognised as a duplicate.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String derive(String siteId, String leadId, String type, Instant occurredAt,
                                Map<String, Object> properties) {
        String canonical = String.join("\n", siteId, leadId, type, occurredAt.toString(),
                Json.write(new TreeMap<>(properties)));
        return "sha-" + Sha256.hex(canonical).substring(0, 32);
    }
}
