package io.leadscore.cli;

/** How a command prints its result: {@code --format table|csv|json}, and {@code jsonl} for an export. */
enum Format {
    /** Aligned plain text, for reading. */
    TABLE,
    /** RFC 4180 CSV for a spreadsheet: the API's own CSV where it has one (compare). */
    CSV,
    /** The API's JSON as it answered, for scripts. */
    JSON,
    /** One JSON document a line (JSON Lines), for a warehouse's loader: {@code export} only. */
    JSONL
}
