package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code models show MODEL N}: one revision, its notes and the sales team's notes per rule. */
@Command(name = "show", description = "One revision: who made it, from which revision, its notes and the notes per"
        + " rule. (The YAML itself: models export.)")
final class ShowRevision extends Subcommand {
    @Mixin
    RevisionArguments revision;

    @Override
    public Integer call() {
        AdminApi api = api();
        Reply reply = api.revision(revision.modelId, revision.number(api));
        if (format() == Format.JSON) {
            return printBody(reply);
        }
        JsonNode shown = reply.json();
        Table fields = new Table(null, "field", "value")
                .row("model", shown.path("modelId").asText(revision.modelId))
                .row("revision", shown.path("number").asInt())
                .row("published", JsonText.yesNo(shown.path("published")))
                .row("author", JsonText.of(shown.path("author")))
                .row("created", JsonText.of(shown.path("createdAt")))
                .row("basedOn", JsonText.of(shown.path("basedOn")))
                .row("sha256", JsonText.of(shown.path("sha256")))
                .row("notes", JsonText.of(shown.path("notes")));
        fields.print(out(), format());
        Table notes = new Table("Notes per setting", "setting", "note");
        shown.path("ruleNotes").fields().forEachRemaining(note -> notes.row(note.getKey(), note.getValue().asText()));
        if (!notes.isEmpty()) {
            Table.gap(out(), format());
            notes.print(out(), format());
        }
        return ExitCode.DONE;
    }
}
