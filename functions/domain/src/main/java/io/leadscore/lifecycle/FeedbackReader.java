package io.leadscore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.FieldError;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a CRM's verdict from its JSON, refusing it with every problem named by field: a verdict moves a lead's stage
 * for good, so nothing half-understood is applied. A verdict may be old (a CRM imports its history), never ahead of
 * the clock.
 */
public final class FeedbackReader {
    public static final int MAX_TEXT = 500;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Like an event id: it becomes part of a ledger key. */
    private static final Pattern FEEDBACK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern LEAD_ID = Pattern.compile("[^\\p{Cntrl}\\s][^\\p{Cntrl}]{0,127}");
    private static final Set<String> FIELDS = Set.of("type", "reason", "rep", "at", "feedbackId");

    private FeedbackReader() {
    }

    /** A verdict, or why it was refused. */
    public record Read(Feedback feedback, List<FieldError> errors) {
        public boolean accepted() {
            return feedback != null;
        }
    }

    /** A verdict on the lead its path names ({@code POST /v1/leads/{leadId}/feedback}). */
    public static Read forLead(String leadId, JsonNode body, Instant now) {
        return read(body, leadId, "", now);
    }

    /** An item of a batch ({@code POST /v1/feedback}), which names its lead; {@code path} is e.g. {@code items[3]}. */
    public static Read item(JsonNode item, String path, Instant now) {
        return read(item, null, path, now);
    }

    private static Read read(JsonNode node, String pathLeadId, String path, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "(body)" : path, "must be a JSON object"));
            return new Read(null, errors);
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        Set<String> allowed = new TreeSet<>(FIELDS);
        if (pathLeadId == null) {
            allowed.add("leadId");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(prefix + name, "unknown field (allowed: " + String.join(", ", allowed) + ")"));
            }
        });
        String leadId = pathLeadId != null ? pathLeadId : text(node, "leadId", prefix, true, errors);
        if (leadId != null && !LEAD_ID.matcher(leadId).matches()) {
            errors.add(new FieldError(pathLeadId != null ? "leadId" : prefix + "leadId",
                    "must be 1-128 characters without control characters or leading space"));
        }
        String feedbackId = text(node, "feedbackId", prefix, true, errors);
        if (feedbackId != null && !FEEDBACK_ID.matcher(feedbackId).matches()) {
            errors.add(new FieldError(prefix + "feedbackId", "must be 1-128 of A-Z a-z 0-9 . _ : -, starting with a"
                    + " letter or digit"));
        }
        String typeName = text(node, "type", prefix, true, errors);
        FeedbackType type = typeName == null ? null : FeedbackType.named(typeName).orElse(null);
        if (typeName != null && type == null) {
            errors.add(new FieldError(prefix + "type", "unknown type '" + typeName + "' (types: "
                    + FeedbackType.labels() + ")"));
        }
        String reason = text(node, "reason", prefix, type == FeedbackType.REJECTED, errors);
        String rep = text(node, "rep", prefix, true, errors);
        Instant at = at(text(node, "at", prefix, true, errors), prefix, now, errors);
        return errors.isEmpty() ? new Read(new Feedback(leadId, feedbackId, type, reason, rep, at), List.of())
                : new Read(null, errors);
    }

    private static String text(JsonNode node, String field, String prefix, boolean required, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, field.equals("reason") ? "is required for a rejection"
                        : "is required"));
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(new FieldError(prefix + field, "must be non-blank text"));
            return null;
        }
        if (value.asText().length() > MAX_TEXT) {
            errors.add(new FieldError(prefix + field, "must be at most " + MAX_TEXT + " characters, not "
                    + value.asText().length()));
            return null;
        }
        return value.asText();
    }

    private static Instant at(String text, String prefix, Instant now, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (at.isAfter(now.plus(MAX_CLOCK_SKEW))) {
                errors.add(new FieldError(prefix + "at", "is in the future (clock skew allowed: 5 minutes)"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(prefix + "at", "must be an ISO-8601 date-time with offset, e.g."
                    + " 2026-11-23T17:30:00Z"));
            return null;
        }
    }
}
