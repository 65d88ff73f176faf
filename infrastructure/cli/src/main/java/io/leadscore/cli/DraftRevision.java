package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code models draft MODEL (--file F | --from N)}: a new, unpublished revision. */
@Command(name = "draft", description = {"Stores a new revision, not yet published: from a YAML file (the API checks"
        + " it whole and refuses it with every problem and its place; nothing is stored then), or copied from a"
        + " revision."})
final class DraftRevision extends Subcommand {
    @Mixin
    ModelArgument model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The model's YAML.")
        Path file;

        @Option(names = "--from", required = true, paramLabel = "N", converter = RevisionRef.Converter.class,
                description = "Copy this revision (a number, or published).")
        RevisionRef from;
    }

    @Option(names = "--notes", paramLabel = "TEXT", description = {"Why this revision; wins over the YAML's notes:."
            + " Sent as the x-notes header, so one line of plain ASCII: write longer notes in the YAML."})
    String notes;

    @Override
    public Integer call() {
        if (notes != null && !notes.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new Failure(ExitCode.USAGE, "--notes travels in an HTTP header (x-notes), so it must be one line of"
                    + " plain ASCII; write these notes in the YAML's top-level notes: instead");
        }
        Reply reply = source.file != null
                ? api().draft(model.modelId, ModelFile.read(source.file), notes)
                : api().draftFrom(model.modelId, source.from.toString(), notes);
        if (format() == Format.JSON) {
            return printBody(reply);
        }
        JsonNode created = reply.json();
        for (JsonNode warning : created.path("warnings")) {
            err().println("warning: " + warning.asText());
        }
        int number = created.path("number").asInt();
        String modelId = created.path("modelId").asText(model.modelId);
        if (format() == Format.CSV) {
            new Table(null, "modelId", "number").row(modelId, number).print(out(), format());
        } else {
            out().println("created revision " + number + " of model " + modelId + " (not published)");
            err().println("next: leadscore models compare " + modelId + " --from <published> --to " + number);
            err().println("      leadscore models backtest " + modelId + " " + number);
        }
        out().flush();
        err().flush();
        return ExitCode.DONE;
    }
}
