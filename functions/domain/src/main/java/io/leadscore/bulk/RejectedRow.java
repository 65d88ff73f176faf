package io.leadscore.bulk;

import io.leadscore.activity.FieldError;

import java.util.List;

/**
 * A row of an imported object that was refused, with where it is and why: what the result lists so that the rows can
 * be fixed and uploaded again.
 *
 * @param offset the byte of the object the row starts at
 * @param row    the row as it was (cut at {@link #MAX_ROW_CHARS} characters)
 * @param errors each refusal, naming the field
 */
public record RejectedRow(long offset, String row, List<FieldError> errors) {

    /** Enough to find and recognise the row; a result must stay small whatever was uploaded. */
    public static final int MAX_ROW_CHARS = 1000;

    public RejectedRow {
        row = row.length() > MAX_ROW_CHARS ? row.substring(0, MAX_ROW_CHARS) : row;
        errors = List.copyOf(errors);
    }
}
