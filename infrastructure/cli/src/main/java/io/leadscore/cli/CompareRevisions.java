package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code models compare MODEL --from A --to B}: the revisions side by side, as the marketers keep them. */
@Command(name = "compare", description = {"Revisions side by side, like the marketers' spreadsheet: one row per"
        + " rule, fit rule, threshold, group, decay and cold setting, one column per revision, changed cells marked"
        + " with *, and the notes. --format csv is the API's CSV, which opens cleanly in a spreadsheet."})
final class CompareRevisions extends Subcommand {
    @Mixin
    ModelArgument model;

    @Option(names = "--from", required = true, paramLabel = "N", description = "The first revision.")
    int from;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The last revision.")
    int to;

    @Override
    public Integer call() {
        if (format() == Format.CSV) {
            return printBody(api().compare(model.modelId, from, to, true));
        }
        Reply reply = api().compare(model.modelId, from, to, false);
        if (format() == Format.JSON) {
            return printBody(reply);
        }
        JsonNode comparison = reply.json();
        List<String> header = new ArrayList<>(List.of("setting"));
        comparison.path("revisions").forEach(r -> header.add("r" + r.asInt()));
        Table table = new Table(null, header.toArray(String[]::new));
        Table notes = new Table("Notes", "setting", "revision", "note");
        for (JsonNode row : comparison.path("rows")) {
            List<Object> cells = new ArrayList<>(List.of(row.path("key").asText()));
            for (JsonNode cell : row.path("cells")) {
                String value = JsonText.of(cell.path("value"));
                cells.add((value == null ? "-" : value) + (cell.path("changed").asBoolean() ? " *" : ""));
                String note = JsonText.of(cell.path("note"));
                if (note != null && !note.isBlank()) {
                    notes.row(row.path("key").asText(), cell.path("revision").asInt(), note);
                }
            }
            table.row(cells.toArray());
        }
        table.print(out(), format());
        out().println("* changed from the previous revision   - absent from that revision");
        if (!notes.isEmpty()) {
            Table.gap(out(), format());
            notes.print(out(), format());
        }
        out().flush();
        return ExitCode.DONE;
    }
}
