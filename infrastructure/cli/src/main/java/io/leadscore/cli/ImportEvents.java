package io.leadscore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** {@code import events FILE.jsonl}: events in the API's shape, a JSON object a line. */
@Command(name = "events", description = {"Events in the API's shape (POST /v1/events), a JSON object a line, of any"
        + " age; each event's eventId makes a re-run harmless (give every line one: without it the API derives one"
        + " from the content).",
        "Prints the rows, accepted, duplicate and rejected, the time taken and the rate; exit 1 when a row was"
                + " rejected."},
        footer = {"%nExamples:",
                "  leadscore import events history.jsonl --rate 500/s",
                "  leadscore import events history.jsonl            # again after Ctrl-C: resumes",
                "  leadscore import events history.jsonl --restart  # from the first line"})
final class ImportEvents extends HistoryImportCommand {
    @Parameters(index = "0", paramLabel = "FILE.jsonl", description = "The events, one JSON object a line.")
    Path file;

    @Override
    Path file() {
        return file;
    }

    @Override
    String kind() {
        return "events";
    }

    @Override
    ImportRows open(long offset, long line) throws IOException {
        return new JsonLinesRows(FileLines.from(file, offset, line));
    }
}
