package io.leadscore.revision;

import io.leadscore.revision.BacktestReport.Summary;
import io.leadscore.support.CsvTable;

import java.util.stream.Collectors;

/** A backtest report for a spreadsheet: one titled section after another, a blank line between. */
final class BacktestCsv {
    private BacktestCsv() {
    }

    static String of(Summary s) {
        CsvTable csv = new CsvTable();
        csv.row("summary");
        csv.row("leads", "window from", "window to", "baseline revision", "candidate revision",
                "changed qualifications");
        csv.row(s.leads(), s.window().from(), s.window().to(), s.baseline().revision(), s.candidate().revision(),
                s.changed().count());
        csv.blank().row("histogram");
        csv.row("from", "baseline", "candidate");
        s.histogram().buckets().forEach(b -> csv.row(b.from(), b.baseline(), b.candidate()));
        csv.blank().row("at or above");
        csv.row("threshold", "group", "points", "baseline points", "baseline", "candidate");
        s.atOrAbove().forEach(a -> csv.row(a.threshold(), a.group(), a.points(), a.baselinePoints(), a.baseline(),
                a.candidate()));
        csv.blank().row("crossings per week");
        csv.row("week", "baseline", "candidate");
        s.crossingsPerWeek().forEach(w -> csv.row(w.week(), w.baseline(), w.candidate()));
        csv.blank().row("rules");
        csv.row("rule", "baseline firings", "baseline points", "candidate firings", "candidate points");
        s.rules().forEach(r -> csv.row(r.rule(), r.baseline().firings(), r.baseline().points(),
                r.candidate().firings(), r.candidate().points()));
        csv.blank().row("changed qualifications");
        csv.row("lead", "threshold", "baseline", "candidate", "score baseline", "score candidate", "rules");
        s.changed().leads().forEach(c -> csv.row(c.leadId(), c.threshold(), c.baseline(), c.candidate(),
                c.scoreBaseline(), c.scoreCandidate(), c.rules().stream()
                        .map(r -> r.rule() + " " + r.baseline() + " -> " + r.candidate())
                        .collect(Collectors.joining("; "))));
        return csv.toString();
    }
}
