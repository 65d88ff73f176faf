package io.leadscore.bulk;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.util.List;

/**
 * The cells of one CSV record (RFC 4180: quoted cells may hold commas, quotes and line breaks), read by Jackson's CSV
 * parser, and whether a record's text is complete: a line break inside a quoted cell does not end the record.
 */
public final class CsvCells {
    /** A record without a schema reads as an array of its cells. */
    private static final ObjectReader CELLS = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build()
            .readerForListOf(String.class);

    private CsvCells() {
    }

    /** The record's cells, or null when its text is no CSV record (e.g. a quote never closed). */
    public static List<String> of(String record) {
        try {
            return CELLS.readValue(record);
        } catch (JacksonException malformed) {
            return null;
        }
    }

    /** Whether the quotes so far are balanced, so that a line end here ends the record (a quote inside is doubled). */
    public static boolean complete(CharSequence text) {
        return text.chars().filter(c -> c == '"').count() % 2 == 0;
    }
}
