package io.leadscore.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code models backtest MODEL N [--from T --to T]}: a revision tried on recorded history, nothing live changed. */
@Command(name = "backtest", description = {"Replays the recorded activities of every lead (or of a window) under a"
        + " revision, beside the published revision, without changing live data; waits with a progress bar, then"
        + " prints the report: score distribution, leads at or above each threshold, crossings per week, rules, and"
        + " the leads whose qualification would change."})
final class BacktestRevision extends JobSubcommand {
    @Mixin
    RevisionArguments revision;

    @Option(names = "--from", paramLabel = "TIME", converter = Moment.class,
            description = "Start of the window: an ISO instant (2026-09-01T00:00:00Z) or a date (2026-09-01, UTC).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = Moment.class,
            description = "End of the window (excluded), as --from.")
    Instant to;

    @Override
    public Integer call() {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new Failure(ExitCode.USAGE, "--from (" + from + ") must be before --to (" + to + ")");
        }
        AdminApi api = api();
        return follow(api, api.backtest(revision.modelId, revision.number(api), from, to));
    }

    /** picocli: an ISO instant, or a date taken as its start in UTC. */
    static final class Moment implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? Instant.parse(value)
                        : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither an ISO instant"
                        + " (2026-09-01T00:00:00Z) nor a date (2026-09-01)");
            }
        }
    }
}
