package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code models list MODEL}: the model's revisions, one row each, like the columns of the marketers' sheet. */
@Command(name = "list", description = "The model's revisions: which one is published, who made each and why, and"
        + " when the next review is due.")
final class ListRevisions extends Subcommand {
    @Mixin
    ModelArgument model;

    @Override
    public Integer call() {
        Reply reply = api().revisions(model.modelId);
        if (format() == Format.JSON) {
            return printBody(reply);
        }
        JsonNode model = reply.json();
        if (format() == Format.TABLE) {
            out().println(summary(model));
        }
        Table table = new Table(null, "revision", "published", "created", "author", "basedOn", "notes");
        for (JsonNode revision : model.path("revisions")) {
            table.row(revision.path("number").asInt(), revision.path("published").asBoolean() ? "yes" : "",
                    JsonText.of(revision.path("createdAt")), JsonText.of(revision.path("author")),
                    JsonText.of(revision.path("basedOn")), JsonText.of(revision.path("notes")));
        }
        table.print(out(), format());
        return ExitCode.DONE;
    }

    private static String summary(JsonNode model) {
        String id = model.path("modelId").asText();
        if (!model.path("published").canConvertToInt()) {
            return "model " + id + ": no revision published";
        }
        String text = "model " + id + ": revision " + model.path("published").asInt() + " published "
                + model.path("publishedAt").asText("");
        String review = JsonText.of(model.path("nextReviewAt"));
        if (review != null) {
            text += "; next review due " + review + (model.path("reviewOverdue").asBoolean() ? " (OVERDUE)" : "");
        }
        return text;
    }
}
