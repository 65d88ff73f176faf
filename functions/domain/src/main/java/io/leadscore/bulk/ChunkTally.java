package io.leadscore.bulk;

import java.util.List;

/**
 * What loading one chunk of an import came to: each row accepted (recorded now), a duplicate (recorded before: a
 * re-run or a repeated row) or rejected.
 *
 * @param rejectedRows the first {@link #MAX_REJECTED_ROWS} rejected rows; {@code rejected} counts them all
 */
public record ChunkTally(long accepted, long duplicates, long rejected, List<RejectedRow> rejectedRows) {

    /** Rows kept per chunk: with {@link RejectedRow#MAX_ROW_CHARS}, a chunk's item stays far below DynamoDB's 400 KB. */
    public static final int MAX_REJECTED_ROWS = 100;

    public ChunkTally {
        if (accepted < 0 || duplicates < 0 || rejected < rejectedRows.size()) {
            throw new IllegalArgumentException("counts must be positive, and rejected at least the rows kept");
        }
        rejectedRows = List.copyOf(rejectedRows.subList(0, Math.min(MAX_REJECTED_ROWS, rejectedRows.size())));
    }
}
