package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A report of {@code GET /v1/reports/<name>}: {@code --format json} and {@code csv} print the API's own answer as it
 * came (its CSV is the one a spreadsheet opens), the table is read from the JSON.
 */
abstract class Report extends Subcommand {
    /** The report's name in the path, and its query (empty values left out). */
    int show(String name, Map<String, String> query) {
        if (format() != Format.TABLE) {
            return printBody(api().report(name, query, format() == Format.CSV));
        }
        print(api().report(name, query, false).json());
        out().flush();
        return ExitCode.DONE;
    }

    /** The report as aligned tables, from the API's JSON. */
    abstract void print(JsonNode report);

    /** A blank line between two tables. */
    void gap() {
        Table.gap(out(), Format.TABLE);
    }

    /** The table, or when it has no row its title and {@code empty}: what it would have shown. */
    void printOr(Table table, String empty) {
        table.printOr(out(), empty);
    }
}
