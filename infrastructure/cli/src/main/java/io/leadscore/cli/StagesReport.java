package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.util.Map;

import static io.leadscore.cli.JsonText.percent;

/** {@code reports stages}: leads and accounts per stage now, and the monthly conversion to the next stage. */
@Command(name = "stages", description = "Leads and accounts per stage now, and per month how many that entered a"
        + " stage went on to the next.")
final class StagesReport extends Report {
    @Override
    public Integer call() {
        return show("stages", Map.of());
    }

    @Override
    void print(JsonNode stages) {
        printOr(perStage("Leads by stage", "leads", stages.path("leads")), "no lead has been scored yet");
        gap();
        printOr(perStage("Accounts by stage", "accounts", stages.path("accounts")), "no account has formed yet");
        gap();
        Table conversions = new Table("Conversion to the next stage, by month", "month", "from", "to", "entered",
                "converted", "rate");
        stages.path("conversions").forEach(c -> conversions.row(c.path("month").asText(), c.path("from").asText(),
                c.path("to").asText(), c.path("entered").asLong(), c.path("converted").asLong(),
                percent(c.path("rate"))));
        printOr(conversions, "no lead has moved between stages yet");
    }

    /** A row per stage in the API's order (the lifecycle's); none when every count is 0. */
    private static Table perStage(String title, String what, JsonNode counts) {
        Table table = new Table(title, "stage", what);
        boolean any = false;
        for (var stage : counts.properties()) {
            table.row(stage.getKey(), stage.getValue().asLong());
            any |= stage.getValue().asLong() > 0;
        }
        return any ? table : new Table(title, "stage", what);
    }
}
