package io.leadscore.activity;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One tracked event of one lead, as accepted and stored: the input to scoring.
 *
 * @param leadId     the known lead, or {@code anon:<visitorId>} for a visitor not yet identified
 * @param properties event properties and profile fields, values as String, BigDecimal or Boolean
 */
public record Activity(String eventId, String type, String leadId, Instant occurredAt,
                       Map<String, Object> properties, String siteId, Instant receivedAt) {

    public static final String ANONYMOUS_PREFIX = "anon:";
    /** The property by which an identified lead's event names the visitor it was: the link that merges them. */
    public static final String VISITOR_PROPERTY = "anonymousId";

    public Activity {
        properties = Map.copyOf(properties);
    }

    public Object property(String name) {
        return properties.get(name);
    }

    /**
     * The visitor ({@code anon:<id>}) this known lead's event says it was before it identified itself (a form
     * with an email, an identify call, a click in an email), if it says so.
     */
    public Optional<String> visitorId() {
        return !leadId.startsWith(ANONYMOUS_PREFIX) && properties.get(VISITOR_PROPERTY) instanceof String id
                && !id.isBlank() ? Optional.of(ANONYMOUS_PREFIX + id) : Optional.empty();
    }
}
