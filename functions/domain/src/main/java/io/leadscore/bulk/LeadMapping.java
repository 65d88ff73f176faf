package io.leadscore.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leadscore.activity.FieldError;
import io.leadscore.support.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which columns of a CRM's contact export make a lead's {@code identify} event: the lead's id, the time the row
 * describes (its "last modified"), and the profile fields, each from a column, numbers converted. The event's id is
 * derived from the lead and that time, so the same rows imported again, or exported again unchanged, come back as
 * duplicates, while a row modified since is a new event. Ready-made mappings (HubSpot, Mautic, Marketo) are
 * resources beside this class; a user's own is the same YAML in a file. Shared by the command line's
 * {@code import leads} and the import bucket's {@code leads/<mapping>/} prefix, so that both make the same events.
 */
public record LeadMapping(String name, String leadIdColumn, String timestampColumn, DateTimeFormatter timestampFormat,
                   ZoneId zone, Map<String, Column> properties) {
    public static final List<String> READY_MADE = List.of("hubspot", "mautic", "marketo");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("leadId", "timestamp", "properties");
    /** A count as CRMs write it: 250, "1,000", "1000+", or a range such as "100-500" (taken at its lower bound). */
    private static final Pattern COUNT = Pattern.compile("(\\d[\\d,]*(?:\\.\\d+)?)\\s*(?:\\+|-\\s*\\d[\\d,]*)?");

    /** A column a profile field is read from, and whether its text is converted to a number. */
    public record Column(String name, boolean number) {
    }

    /** A ready-made mapping by name; none for another name. */
    public static Optional<LeadMapping> readyMade(String name) {
        if (!READY_MADE.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = LeadMapping.class.getResourceAsStream("mappings/" + name + ".yaml")) {
            return Optional.of(parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("the ready-made mapping " + name + " is missing", e);
        }
    }

    /** What is wrong with a mapping's YAML, naming the mapping and the key. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String name, String problem) {
            super(name + ": " + problem);
        }
    }

    /**
     * A mapping from its YAML.
     *
     * @throws Invalid naming the key that is wrong
     */
    public static LeadMapping parse(String name, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw invalid(name, "is not YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(name, "must be a mapping of leadId, timestamp and properties");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw invalid(name, "unknown key '" + key + "' (keys: leadId, timestamp, properties)");
            }
        }
        String leadId = text(name, root, "leadId");
        JsonNode timestamp = root.path("timestamp");
        String timestampColumn = timestamp.isObject() ? text(name, timestamp, "column") : text(name, root, "timestamp");
        DateTimeFormatter format;
        ZoneId zone;
        try {
            format = timestamp.has("format") ? DateTimeFormatter.ofPattern(timestamp.get("format").asText()) : null;
            zone = ZoneId.of(timestamp.path("zone").asText("UTC"));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid(name, "timestamp: " + e.getMessage());
        }
        Map<String, Column> properties = new LinkedHashMap<>();
        JsonNode fields = root.path("properties");
        if (!fields.isObject() || fields.isEmpty()) {
            throw invalid(name, "properties: must map profile fields to columns, e.g. email: Email");
        }
        fields.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                properties.put(field.getKey(), new Column(value.asText(), false));
            } else if (value.isObject() && value.path("column").isTextual()
                    && Set.of("", "number", "string").contains(value.path("type").asText(""))) {
                properties.put(field.getKey(), new Column(value.get("column").asText(),
                        value.path("type").asText("").equals("number")));
            } else {
                throw invalid(name, "properties." + field.getKey() + ": a column's name, or {column: NAME, type:"
                        + " number}");
            }
        });
        return new LeadMapping(name, leadId, timestampColumn, format, zone, Collections.unmodifiableMap(properties));
    }

    /** Every column the mapping reads, for checking them against a file's header before anything is sent. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of(leadIdColumn, timestampColumn));
        properties.values().forEach(column -> columns.add(column.name()));
        return columns;
    }

    /**
     * The identify event of a row (cells by column name), or what is wrong with it, each error naming the column.
     * Empty cells are left out, so a blank never erases what a lead's profile already has.
     */
    public Result event(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>();
        String leadId = row.getOrDefault(leadIdColumn, "");
        if (leadId.isEmpty()) {
            errors.add(new FieldError(leadIdColumn, "is empty: every lead needs its id"));
        }
        Instant at = null;
        String when = row.getOrDefault(timestampColumn, "");
        if (when.isEmpty()) {
            errors.add(new FieldError(timestampColumn, "is empty: the time the row describes is needed"));
        } else {
            try {
                at = instant(when);
            } catch (DateTimeException e) {
                errors.add(new FieldError(timestampColumn, "'" + when + "' is not a time"
                        + (timestampFormat == null ? " (ISO-8601 expected)" : " (expected like " + example() + ")")));
            }
        }
        ObjectNode profile = JsonNodeFactory.instance.objectNode();
        properties.forEach((field, column) -> {
            String value = row.getOrDefault(column.name(), "");
            if (value.isEmpty()) {
                return;
            }
            if (!column.number()) {
                profile.put(field, value);
                return;
            }
            Matcher count = COUNT.matcher(value);
            if (count.matches()) {
                BigDecimal number = new BigDecimal(count.group(1).replace(",", ""));
                // A whole number as such, as JSON text of it would read: the event is the one a file would carry.
                if (number.stripTrailingZeros().scale() <= 0
                        && number.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                    profile.put(field, number.intValue());
                } else {
                    profile.put(field, number);
                }
            } else {
                errors.add(new FieldError(column.name(), "'" + value + "' is not a number (" + field + ")"));
            }
        });
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventId", eventId(leadId, at));
        event.put("type", "identify");
        event.put("leadId", leadId);
        event.put("timestamp", at.toString());
        event.set("properties", profile);
        return new Result(event, List.of());
    }

    /** An identify event, or the errors of a row that makes none. */
    public record Result(ObjectNode event, List<FieldError> errors) {
    }

    /** The same lead at the same time is the same event, whichever run or export it came from. */
    public static String eventId(String leadId, Instant at) {
        return "identify-" + Sha256.hex(leadId + "\n" + at).substring(0, 32);
    }

    private Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notIso) {
            if (timestampFormat == null) {
                throw notIso;
            }
            return LocalDateTime.parse(text, timestampFormat).atZone(zone).toInstant();
        }
    }

    private String example() {
        return timestampFormat.format(LocalDateTime.of(2026, 11, 23, 14, 5, 9));
    }

    private static String text(String name, JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(name, key + ": the name of a column is required");
        }
        return value.asText();
    }

    private static Invalid invalid(String name, String problem) {
        return new Invalid(name, problem);
    }
}
