package io.leadscore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.FieldError;

import java.util.List;

/**
 * A row of a file being imported: the line it starts on, its text as the file has it (what the rejects file
 * repeats, so a fixed copy can be imported again), the byte offset just past it, and either the event it makes or
 * why it makes none.
 */
record ImportRow(long line, String text, long end, ObjectNode event, List<FieldError> errors) {
    static ImportRow event(long line, String text, long end, ObjectNode event) {
        return new ImportRow(line, text, end, event, List.of());
    }

    /**
     * A field as the API names it in a batch ({@code items[7].type}, {@code events[3].timestamp}) as it is in the
     * row: the file's row is what a user can find.
     */
    static String fieldInRow(String field) {
        return field.replaceFirst("^\\w+\\[\\d+]\\.?", "");
    }

    static ImportRow rejected(long line, String text, long end, FieldError... errors) {
        return new ImportRow(line, text, end, null, List.of(errors));
    }
}
