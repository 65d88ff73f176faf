package io.leadscore.cli;

import io.leadscore.bulk.CsvCells;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A CSV file's records (RFC 4180: quoted cells may hold commas, quotes and line breaks) read one at a time from the
 * file's lines, so that each record ends at a known byte offset, where a resumed import seeks to. A record is its
 * lines up to the first at which the quotes are balanced; its cells are read as the import bucket reads them
 * ({@link CsvCells}).
 */
final class CsvRecords implements Closeable {
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
        for (FileLines.Line more; !CsvCells.complete(text) && (more = lines.next()) != null; end = more.end()) {
            text.append('\n').append(more.text());
        }
        String record = first.number() == 1 && text.charAt(0) == '\uFEFF' ? text.substring(1) : text.toString();
        return new Record(first.number(), record, CsvCells.of(record), end);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
