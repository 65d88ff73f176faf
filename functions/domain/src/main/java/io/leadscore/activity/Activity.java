package io.leadscore.activity;

import java.time.Instant;
import java.util.Map;

/**
 * One tracked event of one lead, as accepted and stored: the input to scoring.
 *
 * @param leadId     the known lead, or {@code anon:<visitorId>} for a visitor not yet identified
 * @param properties event properties and profile fields, values as String, BigDecimal or Boolean
 */
public record Activity(String eventId, String type, String leadId, Instant occurredAt,
                       Map<String, Object> properties, String siteId, Instant receivedAt) {

    public static final String ANONYMOUS_PREFIX = "anon:";

    public Activity {
        properties = Map.copyOf(properties);
    }

    public Object property(String name) {
        return properties.get(name);
    }
}
