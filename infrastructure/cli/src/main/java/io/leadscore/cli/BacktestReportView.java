package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A backtest's report (design-13's summary) as tables: the candidate revision beside the baseline (the published
 * one), column by column, as the marketers compare them: score distribution, leads at or above each threshold,
 * crossings per week, per-rule firings and points, and the leads whose qualification would change and why.
 */
final class BacktestReportView {
    private BacktestReportView() {
    }

    static void print(JsonNode report, PrintWriter out, Format format) {
        String b = "r" + report.path("baseline").path("revision").asText("?");
        String c = "r" + report.path("candidate").path("revision").asText("?");
        JsonNode window = report.path("window");
        new Table("Backtest of " + c + " against the published " + b, "leads", "from", "to", "baseline",
                "candidate")
                .row(report.path("leads").asLong(), JsonText.of(window.path("from")), JsonText.of(window.path("to")),
                        b, c)
                .print(out, format);

        JsonNode histogram = report.path("histogram");
        long size = histogram.path("bucketSize").asLong(10);
        Table distribution = new Table("Score distribution", "score", b, c);
        for (JsonNode bucket : histogram.path("buckets")) {
            long from = bucket.path("from").asLong();
            distribution.row(from + " to " + (from + size - 1), bucket.path("baseline").asLong(),
                    bucket.path("candidate").asLong());
        }
        section(out, format, distribution);

        // Each revision counts at its own line: a review often moves the threshold itself.
        Table atOrAbove = new Table("Leads at or above each threshold", "threshold", "group", b + " points", b,
                c + " points", c);
        for (JsonNode t : report.path("atOrAbove")) {
            atOrAbove.row(t.path("threshold").asText(), JsonText.of(t.path("group")),
                    JsonText.of(t.path("baselinePoints")), t.path("baseline").asLong(), JsonText.of(t.path("points")),
                    t.path("candidate").asLong());
        }
        section(out, format, atOrAbove);

        Table weekly = new Table("Crossings per week", "week", b, c);
        for (JsonNode week : report.path("crossingsPerWeek")) {
            weekly.row(week.path("week").asText(), week.path("baseline").asLong(), week.path("candidate").asLong());
        }
        section(out, format, weekly);

        Table rules = new Table("Rules", "rule", b + " firings", b + " points", c + " firings", c + " points");
        for (JsonNode rule : report.path("rules")) {
            rules.row(rule.path("rule").asText(), rule.path("baseline").path("firings").asLong(),
                    rule.path("baseline").path("points").asLong(), rule.path("candidate").path("firings").asLong(),
                    rule.path("candidate").path("points").asLong());
        }
        section(out, format, rules);

        JsonNode changed = report.path("changed");
        Table leads = new Table("Leads whose qualification changes: " + changed.path("count").asLong()
                + " (" + changed.path("leads").size() + " listed)",
                "lead", "threshold", b, c, "score " + b, "score " + c, "rules (" + b + " -> " + c + ")");
        for (JsonNode lead : changed.path("leads")) {
            List<String> why = new ArrayList<>();
            lead.path("rules").forEach(r -> why.add(r.path("rule").asText() + " " + r.path("baseline").asLong()
                    + " -> " + r.path("candidate").asLong()));
            leads.row(lead.path("leadId").asText(), lead.path("threshold").asText(),
                    JsonText.yesNo(lead.path("baseline")), JsonText.yesNo(lead.path("candidate")),
                    lead.path("scoreBaseline").asLong(), lead.path("scoreCandidate").asLong(), String.join("; ", why));
        }
        section(out, format, leads);
        out.flush();
    }

    private static void section(PrintWriter out, Format format, Table table) {
        Table.gap(out, format);
        table.print(out, format);
    }
}
