package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.support.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code predict train MODEL [--label opportunity|won] [--horizon-days N] [--held-out-days N | --split-at T]
 * [--criterion f1|capacity] [--leads-per-week N] [--wait]}: a training run queued through the admin API; with
 * {@code --wait}, its report once the train function has carried it out.
 */
@Command(name = "train", description = {"Starts a training run of the model (the train function carries it out) and"
        + " prints its id; with --wait, waits for it and prints its report: the periods, the held-out AUC, the"
        + " suggested cut with its precision and recall, the top features with their signs, calibration by decile,"
        + " and the draft revision it stored (none when it found nothing)."})
final class TrainModel extends Subcommand {
    /** How often --wait asks for the run. */
    static final Duration POLL = Duration.ofSeconds(1);

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's id, e.g. default.")
    String modelId;

    @Option(names = "--label", paramLabel = "LABEL", description = "What converting means: opportunity (a win counts"
            + " too) or won. Default: opportunity.")
    String label;

    @Option(names = "--horizon-days", paramLabel = "N", description = "How soon after a moment the lead must convert."
            + " Default: 30.")
    Integer horizonDays;

    @Option(names = "--held-out-days", paramLabel = "N", description = "The held-out period's length, more than the"
            + " horizon. Default: twice the horizon.")
    Integer heldOutDays;

    @Option(names = "--split-at", paramLabel = "TIME", converter = BacktestRevision.Moment.class,
            description = "Where the held-out period starts, instead of --held-out-days.")
    Instant splitAt;

    @Option(names = "--criterion", paramLabel = "f1|capacity", description = "How the threshold is suggested."
            + " Default: f1.")
    String criterion;

    @Option(names = "--leads-per-week", paramLabel = "N", description = "What sales can take a week (capacity).")
    Integer leadsPerWeek;

    @Option(names = "--wait", description = "Wait for the run and print its report.")
    boolean await;

    @Override
    public Integer call() {
        ObjectNode body = Json.mapper().createObjectNode();
        if (label != null) {
            body.put("label", label.toLowerCase(Locale.ROOT));
        }
        if (horizonDays != null) {
            body.put("horizonDays", horizonDays);
        }
        if (heldOutDays != null) {
            body.put("heldOutDays", heldOutDays);
        }
        if (splitAt != null) {
            body.put("splitAt", splitAt.toString());
        }
        if (criterion != null) {
            body.put("criterion", criterion.toLowerCase(Locale.ROOT));
        }
        if (leadsPerWeek != null) {
            body.put("leadsPerWeek", leadsPerWeek);
        }
        AdminApi api = api();
        Reply started = api.train(modelId, body.toString());
        String trainingId = started.json().path("trainingId").asText();
        if (!await) {
            if (format() == Format.JSON) {
                return printBody(started);
            }
            out().println(trainingId);
            err().println("see it with: leadscore predict train ... --wait, or GET /v1/models/" + modelId
                    + "/trainings/" + trainingId);
            out().flush();
            err().flush();
            return ExitCode.DONE;
        }
        err().println("training run " + trainingId + " started (Ctrl-C stops watching, not the run)");
        err().flush();
        Reply ended = await(api, trainingId);
        if (format() == Format.JSON) {
            printBody(ended);
        } else {
            print(ended.json(), out(), format());
        }
        return "done".equals(ended.json().path("status").asText()) ? ExitCode.DONE : ExitCode.FAILED;
    }

    private Reply await(AdminApi api, String trainingId) {
        while (true) {
            Reply run = api.training(modelId, trainingId);
            String status = run.json().path("status").asText();
            if (status.equals("done") || status.equals("failed")) {
                return run;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure(ExitCode.FAILED, "interrupted while waiting for training run " + trainingId);
            }
        }
    }

    /** The run and its report as aligned tables (or CSV sections). */
    static void print(JsonNode run, PrintWriter out, Format format) {
        JsonNode report = run.path("report");
        JsonNode chosen = report.path("chosen");
        new Table("Training run " + run.path("trainingId").asText(), "field", "value")
                .row("status", run.path("status").asText())
                .row("based on revision", run.path("basedOn").asText())
                .row("leads read", run.path("leads").asText(""))
                .row("training examples (converted)", period(report.path("training")))
                .row("held-out examples (converted)", period(report.path("heldOut")))
                .row("held-out AUC", number(report.path("auc"), 3))
                .row("suggested cut", number(chosen.path("probability"), 3))
                .row("precision at the cut", number(chosen.path("precision"), 3))
                .row("recall at the cut", number(chosen.path("recall"), 3))
                .row("points fit: AUC", number(report.path("points").path("auc"), 3))
                .row("points fit: cut", number(report.path("points").path("chosen").path("probability"), 3))
                .row("found nothing", report.path("foundNothing").asText(""))
                .row("draft revision", run.path("draft").isNull() ? "none" : run.path("draft").asText(""))
                .row("finding", report.path("finding").asText(run.path("error").asText("")))
                .print(out, format);
        if (report.isMissingNode() || report.isNull()) {
            out.flush();
            return;
        }
        Table features = new Table("Top features", "feature", "weight", "effect", "odds ratio", "direction");
        report.path("topFeatures").forEach(f -> features.row(f.path("feature").asText(), number(f.path("weight"), 4),
                number(f.path("effect"), 3), number(f.path("oddsRatio"), 2), f.path("direction").asText()));
        Table.gap(out, format);
        features.print(out, format);
        Table calibration = new Table("Calibration (held-out period, by decile of predicted probability)", "decile",
                "examples", "mean predicted", "observed");
        report.path("calibration").forEach(d -> calibration.row(d.path("decile").asInt(), d.path("examples").asInt(),
                number(d.path("meanPredicted"), 3), number(d.path("observed"), 3)));
        Table.gap(out, format);
        calibration.print(out, format);
        out.flush();
    }

    private static String period(JsonNode period) {
        return period.isMissingNode() ? "" : period.path("examples").asInt() + " (" + period.path("positives").asInt()
                + ")";
    }

    private static String number(JsonNode value, int decimals) {
        return value.isNumber() ? String.format(Locale.ROOT, "%." + decimals + "f", value.asDouble()) : "";
    }
}
