package io.leadscore.activity;

/** A refusal that names the field, as a JSON path (e.g. {@code events[2].timestamp}), and the problem. */
public record FieldError(String field, String problem) {
}
