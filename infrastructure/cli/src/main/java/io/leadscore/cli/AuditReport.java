package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.leadscore.cli.JsonText.percent;

/** {@code reports audit [--from D --to D]}: the MQLs of a period and what sales made of them. */
@Command(name = "audit", description = {"The MQLs of a period (by the day they became MQLs) and what sales made of"
        + " them: accepted, rejected, pending, the rates, opportunities won and lost, the median time to acceptance,"
        + " the top rejection reasons and the rules that fire more for rejected MQLs than for accepted ones. When more"
        + " than half of the decided MQLs were rejected, the first line says the model needs re-evaluation."})
final class AuditReport extends Report {
    @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = Day.class,
            description = "First day of the period (UTC). Default: the API's, the 30 days ending today.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = Day.class,
            description = "Last day of the period, included; at most 366 days after --from.")
    LocalDate to;

    @Override
    public Integer call() {
        return show("audit", period(from, to));
    }

    /** The query of a period's days, either end optional; {@code --to} before {@code --from} is a usage error. */
    static Map<String, String> period(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new Failure(ExitCode.USAGE, "--to (" + to + ") is before --from (" + from + ")");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
        }
        return query;
    }

    @Override
    void print(JsonNode audit) {
        if (audit.path("needsReview").asBoolean()) {
            String warning = JsonText.of(audit.path("warning"));
            out().println("WARNING: " + (warning == null ? "more than half of the decided MQLs were rejected: the"
                    + " model needs re-evaluation now" : warning));
        }
        new Table("MQL audit " + audit.path("from").asText() + " to " + audit.path("to").asText() + " (model "
                + audit.path("model").asText() + ")", "figure", "value")
                .row("MQLs", audit.path("mqls").asLong())
                .row("accepted", audit.path("accepted").asLong())
                .row("rejected", audit.path("rejected").asLong())
                .row("pending", audit.path("pending").asLong())
                .row("acceptance rate", percent(audit.path("acceptanceRate")))
                .row("rejection rate", percent(audit.path("rejectionRate")))
                .row("opportunities", audit.path("opportunities").asLong())
                .row("won", audit.path("won").asLong())
                .row("lost", audit.path("lost").asLong())
                .row("lead to opportunity", percent(audit.path("leadToOpportunityRate")))
                .row("opportunity to won", percent(audit.path("opportunityToWonRate")))
                .row("median hours to acceptance", JsonText.of(audit.path("medianHoursToAcceptance")))
                .print(out(), Format.TABLE);
        gap();
        Table reasons = new Table("Top rejection reasons", "reason", "rejected");
        audit.path("topRejectionReasons").forEach(r -> reasons.row(r.path("reason").asText(),
                r.path("count").asLong()));
        printOr(reasons, "no MQL of the period was rejected");
        gap();
        Table rules = new Table("Rules that predict rejection (first: they fire more for rejected MQLs)", "rule",
                "accepted", "rejected", "accepted share", "rejected share");
        audit.path("rules").forEach(r -> rules.row(r.path("rule").asText(), r.path("accepted").asLong(),
                r.path("rejected").asLong(), percent(r.path("acceptedShare")), percent(r.path("rejectedShare"))));
        printOr(rules, "no rule fired for a decided MQL of the period");
        gap();
        Table weeks = new Table("By week", "week", "MQLs", "accepted", "rejected", "acceptance rate");
        audit.path("weeks").forEach(w -> weeks.row(w.path("week").asText(), w.path("mqls").asLong(),
                w.path("accepted").asLong(), w.path("rejected").asLong(), percent(w.path("acceptanceRate"))));
        printOr(weeks, "the period has no week");
    }

    /** A day as the API takes it, YYYY-MM-DD; anything else is a usage error naming the option. */
    static final class Day implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a date YYYY-MM-DD");
            }
        }
    }
}
