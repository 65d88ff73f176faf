package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;

/** {@code ops redrive --from T [--to T]}: the redrive now, for a window, instead of waiting for its triggers. */
@Command(name = "redrive", description = {"Re-scores the activities received in a window of at most a day (from the"
        + " table: those a failed batch left unscored are applied, the others found applied already) and re-publishes"
        + " the outbox records left unpublished for longer than RepublishAfterMinutes; safe to run again."})
final class RunRedrive extends Subcommand {
    @Option(names = "--from", required = true, paramLabel = "TIME", converter = BacktestRevision.Moment.class,
            description = "Start of the window of receipt: an ISO instant (2026-11-30T10:00:00Z) or a date (UTC).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = BacktestRevision.Moment.class,
            description = "End of the window, as --from; default: now. At most a day after --from.")
    Instant to;

    @Override
    public Integer call() {
        Reply reply = api().redrive(from, to == null ? Instant.now() : to);
        JsonNode report = reply.json();
        int exit = report.path("recordsFailed").asInt() > 0 ? ExitCode.FAILED : ExitCode.DONE;
        if (format() == Format.JSON) {
            printBody(reply);
            return exit;
        }
        new Table("Redrive from " + report.path("from").asText() + " to " + report.path("to").asText(),
                "activities found", "re-scored", "already applied", "records re-published", "records failed")
                .row(report.path("activitiesFound").asInt(), report.path("activitiesRescored").asInt(),
                        report.path("activitiesAlreadyApplied").asInt(), report.path("recordsRepublished").asInt(),
                        report.path("recordsFailed").asInt())
                .print(out(), format());
        return exit;
    }
}
