package io.leadscore.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A CSV file's records (RFC 4180: quoted cells may hold commas, quotes and line breaks) read one at a time from the
 * file's lines, so that each record ends at a known byte offset, where a resumed import seeks to. A record is its
 * lines up to the first at which the quotes are balanced; its cells are read by Jackson's CSV parser.
 */
final class CsvRecords implements Closeable {
    /** A record without a schema reads as an array of its cells. */
    private static final ObjectReader CELLS = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build()
            .readerForListOf(String.class);

    /**
     * A record: the line it starts on, its text as in the file, its cells (null when the text is no CSV record, e.g.
     * a quote never closed), and the offset just past it.
     */
    record Record(long line, String text, List<String> cells, long end) {
    }

    private final FileLines lines;

    CsvRecords(FileLines lines) {
        this.lines = lines;
    }

    /** The next record that is not blank, or null at the end of the file. */
    Record next() throws IOException {
        FileLines.Line first = lines.nextFilled();
        if (first == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(first.text());
        long end = first.end();
        for (FileLines.Line more; quotes(text) % 2 != 0 && (more = lines.next()) != null; end = more.end()) {
            text.append('\n').append(more.text());
        }
        String record = first.number() == 1 && text.charAt(0) == '\uFEFF' ? text.substring(1) : text.toString();
        List<String> cells;
        try {
            cells = CELLS.readValue(record);
        } catch (JacksonException malformed) {
            cells = null;
        }
        return new Record(first.number(), record, cells, end);
    }

    private static long quotes(CharSequence text) {
        return text.chars().filter(c -> c == '"').count();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
