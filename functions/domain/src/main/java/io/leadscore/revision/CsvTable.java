package io.leadscore.revision;

import java.util.List;

/**
 * RFC 4180 text for the marketers' spreadsheets: CRLF line ends, a field quoted when it holds a comma, a quote,
 * a line break or edge spaces (quotes doubled), and free text that a spreadsheet would run as a formula kept as
 * text. Starts with a UTF-8 byte order mark, without which Excel reads UTF-8 as the local code page.
 */
public final class CsvTable {
    static final String BOM = "\uFEFF";
    private static final String CRLF = "\r\n";

    private final StringBuilder text = new StringBuilder(BOM);

    public CsvTable row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields.get(i)));
        }
        text.append(CRLF);
        return this;
    }

    public CsvTable row(Object... fields) {
        return row(java.util.Arrays.asList(fields));
    }

    /** An empty line: the gap between two sections of one file. */
    public CsvTable blank() {
        text.append(CRLF);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Number ? value.toString() : guarded(value.toString());
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0
                || text.indexOf('\n') >= 0 || !text.equals(text.strip());
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /**
     * Text that starts like a formula ({@code =}, {@code +}, {@code @}, or {@code -} not before a digit) gets a
     * leading apostrophe: a sales note must never run as one, and a negative number still reads as a number.
     */
    private static String guarded(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r'
                || first == '-' && (text.length() == 1 || !Character.isDigit(text.charAt(1)));
        return formula ? "'" + text : text;
    }
}
