package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;

/** {@code models challenger MODEL [--from D --to D]}: champion against challenger, with what is significant. */
@Command(name = "challenger", description = {"Compares the challenger with the published champion over the same"
        + " days (default: since the challenger started): each revision's MQLs, the acceptance rate of those sales"
        + " decided, the conversion rate (opportunity or won), and a two-proportion z-test per rate."})
final class ChallengerReport extends Subcommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's id (the YAML's model:, e.g. default).")
    String modelId;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = AuditReport.Day.class,
            description = "First day of the period (UTC). Default: the day the challenger started.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = AuditReport.Day.class,
            description = "Last day of the period, included. Default: the day it ended, or today.")
    LocalDate to;

    @Override
    public Integer call() {
        Reply reply = api().challenger(modelId, AuditReport.period(from, to));
        if (format() == Format.JSON) {
            return printBody(reply);
        }
        JsonNode report = reply.json();
        JsonNode challenge = report.path("challenge");
        Table table = new Table("Champion/challenger " + report.path("from").asText() + " to "
                + report.path("to").asText() + " (model " + report.path("modelId").asText() + ", challenger since "
                + challenge.path("startedAt").asText() + (challenge.path("promoted").asBoolean() ? ", promoted"
                : challenge.path("endedAt").isTextual() ? ", stopped" : "") + ")",
                "role", "revision", "MQLs", "decided", "accepted", "acceptance", "converted", "conversion");
        report.path("revisions").forEach(row -> table.row(row.path("role").asText(), row.path("revision").asInt(),
                row.path("mqls").asLong(), row.path("decided").asLong(), row.path("accepted").asLong(),
                JsonText.percent(row.path("acceptanceRate")), row.path("converted").asLong(),
                JsonText.percent(row.path("conversionRate"))));
        table.print(out(), format());
        Table.gap(out(), format());
        new Table("Significance (two-proportion z-test)", "rate", "statement")
                .row("acceptance", report.path("acceptance").path("statement").asText())
                .row("conversion", report.path("conversion").path("statement").asText())
                .print(out(), format());
        return ExitCode.DONE;
    }
}
