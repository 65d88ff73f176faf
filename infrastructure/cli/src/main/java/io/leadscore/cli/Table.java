package io.leadscore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows of text printed as aligned columns (numbers right-aligned) or as RFC 4180 CSV: one shape for both formats,
 * so the CSV of a command carries exactly what its table shows.
 */
final class Table {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final String CRLF = "\r\n";

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** {@code title} (may be null) is printed above the table, and as a row of its own in CSV. */
    Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    /** Cells in the header's order; null prints as empty. */
    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out, Format format) {
        if (format == Format.CSV) {
            printCsv(out);
        } else {
            printAligned(out);
        }
        out.flush();
    }

    /** Aligned, or when it has no row its title and {@code empty} ("no MQL was rejected") rather than a bare header. */
    void printOr(PrintWriter out, String empty) {
        if (rows.isEmpty()) {
            out.println(title == null ? empty : title + ": " + empty);
        } else {
            printAligned(out);
        }
        out.flush();
    }

    /** A blank line between tables; in CSV an empty record, which a spreadsheet shows as an empty row. */
    static void gap(PrintWriter out, Format format) {
        out.print(format == Format.CSV ? CRLF : System.lineSeparator());
    }

    private void printAligned(PrintWriter out) {
        if (title != null) {
            out.println(title);
        }
        int[] width = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                String cell = oneLine(row.get(c));
                width[c] = Math.max(width[c], cell.length());
                numeric[c] &= cell.isEmpty() || NUMBER.matcher(cell).matches();
            }
        }
        printAligned(out, header, width, numeric);
        for (List<String> row : rows) {
            printAligned(out, row, width, numeric);
        }
    }

    private static void printAligned(PrintWriter out, List<String> cells, int[] width, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = oneLine(cells.get(c));
            String pad = " ".repeat(width[c] - cell.length());
            line.append(numeric[c] ? pad + cell : cell + (c == cells.size() - 1 ? "" : pad));
            if (c < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private void printCsv(PrintWriter out) {
        if (title != null) {
            out.print(csv(title) + CRLF);
        }
        out.print(csvLine(header));
        for (List<String> row : rows) {
            out.print(csvLine(row));
        }
    }

    private static String csvLine(List<String> cells) {
        return String.join(",", cells.stream().map(Table::csv).toList()) + CRLF;
    }

    /** Quoted when it must be (a comma, a quote, a line break, or edge spaces a spreadsheet would trim). */
    static String csv(String cell) {
        boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                || !cell.equals(cell.strip());
        return quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /** A table cell is one line: line breaks in notes would break the columns. */
    private static String oneLine(String cell) {
        return cell.replaceAll("\\s*\\R\\s*", " ");
    }
}
