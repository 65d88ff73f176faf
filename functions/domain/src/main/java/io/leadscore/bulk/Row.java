package io.leadscore.bulk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A line of an imported object and the byte it starts at, so that a refusal points into the object.
 */
public record Row(long offset, String text) {

    /**
     * The non-blank lines of a chunk read from byte {@code from}, without their line ends ({@code \n} or
     * {@code \r\n}); the last line needs none.
     */
    public static List<Row> of(byte[] chunk, long from) {
        return split(chunk, from, false);
    }

    /**
     * The non-blank CSV records of a chunk read from byte {@code from}: as {@link #of}, except that a line end inside
     * a quoted cell belongs to the cell (as {@code \n}).
     */
    public static List<Row> csvRecords(byte[] chunk, long from) {
        return split(chunk, from, true);
    }

    private static List<Row> split(byte[] chunk, long from, boolean quotes) {
        List<Row> rows = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= chunk.length; i++) {
            if (quotes && i < chunk.length && chunk[i] == '"') {
                quoted = !quoted;
            } else if (i == chunk.length || chunk[i] == '\n' && !quoted) {
                int end = i > start && chunk[i - 1] == '\r' ? i - 1 : i;
                String text = new String(chunk, start, end - start, StandardCharsets.UTF_8).replace("\r\n", "\n");
                if (!text.isBlank()) {
                    rows.add(new Row(from + start, text));
                }
                start = i + 1;
            }
        }
        return rows;
    }
}
