package io.leadscore.cli;

/** How a command prints its result: {@code --format table|csv|json}. */
enum Format {
    /** Aligned plain text, for reading. */
    TABLE,
    /** RFC 4180 CSV for a spreadsheet: the API's own CSV where it has one (compare). */
    CSV,
    /** The API's JSON as it answered, for scripts. */
    JSON
}
