package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code reports calibration [--reached mql|won]}: the interactions per journey stage, and the points they suggest. */
@Command(name = "calibration", description = {"Among the leads that became MQLs (or were won), the average"
        + " interactions per buyer-journey stage before they got there, the rules of each stage with their points"
        + " today, and the suggested points per interaction: the sales-ready threshold over the sum of the averages."})
final class CalibrationReport extends Report {
    /** Which leads are averaged. */
    enum Reached { mql, won }

    @Option(names = "--reached", paramLabel = "mql|won", defaultValue = "mql",
            description = "The leads that became MQLs, or those that were won. Default: ${DEFAULT-VALUE}.")
    Reached reached;

    @Override
    public Integer call() {
        return show("calibration", Map.of("reached", reached.name()));
    }

    @Override
    void print(JsonNode calibration) {
        String reachedText = calibration.path("reached").asText();
        long leads = calibration.path("leads").asLong();
        out().println("Points calibration: " + leads + " leads reached " + reachedText + "; sales-ready threshold "
                + calibration.path("threshold").asText());
        Table stages = new Table(null, "journey stage", "average interactions", "rules (points today)",
                "suggested points");
        String suggested = JsonText.of(calibration.path("suggestedPointsPerInteraction"));
        for (JsonNode stage : calibration.path("stages")) {
            List<String> rules = new ArrayList<>();
            stage.path("rules").forEach(r -> rules.add(r.path("rule").asText() + " " + r.path("points").asText()));
            stages.row(stage.path("stage").asText(), stage.path("averageInteractions").asText(),
                    String.join(", ", rules), suggested);
        }
        if (stages.isEmpty()) {
            out().println("no rule of the model is tagged with a buyer-journey stage");
        } else if (leads == 0) {
            out().println("no lead reached " + reachedText + " yet: there is nothing to average");
        } else {
            stages.print(out(), Format.TABLE);
            out().println("suggested " + suggested + " points per interaction (" + calibration.path("threshold")
                    .asText() + " / " + calibration.path("sumOfAverages").asText() + "); today "
                    + JsonText.of(calibration.path("currentPointsPerInteraction")));
        }
    }
}
