package io.leadscore.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The goals table at the top of {@code benchmarks.md}: every goal the suite knows, in the issues' order, each with
 * the figure its issue started from and what this run measured, or "not measured in this run" where no benchmark
 * reported it (a benchmark that failed, or one not written yet), so that a goal never silently drops out of the
 * table.
 */
final class GoalTable {
    static final String NOT_MEASURED = "not measured in this run";

    /**
     * A goal the suite expects: its key, its measure and goal as the table states them when nothing reported, and the
     * figure before the work on it, as its issue measured it.
     */
    record Expected(String key, String measure, String goal, String before) {
    }

    /** Issue 17's goals in its order (parts 1 to 7), then the goals of the issues before it. */
    static final List<Expected> GOALS = List.of(
            new Expected("rule-evaluation", "Rule evaluation, default model, 1 thread (issue 17, part 1)",
                    ">= 1,000,000 events/s per core", "90,544 events/s (11 us an event)"),
            new Expected("backtest", "Backtest of 1,000,000 events, both cores (issue 17, part 1)", "< 3 s", "17.6 s"),
            new Expected("account-writes", "Write units per scored event, accounts of 1 and of 10,000 members"
                    + " (issue 17, part 2)", "the same within 10%", "the account item, ~100 bytes a member, rewritten whole"
                    + " (~100 KB and ~50 write units at 1,000 members; the 400 KB limit near 3,000)"),
            new Expected("price-5", "Dollars per million events, default model, accounts of 5 (issue 17, part 3)",
                    "<= $2.00", "not priced"),
            new Expected("price-1000", "Dollars per million events, accounts of 1,000 (issue 17, part 3)",
                    "within 10% of accounts of 5", "not priced"),
            new Expected("cold-start", "Cold start, new JVM to end of first invocation, every function"
                    + " (issue 17, part 4)", "< 1.0 s", "1,355-1,625 ms (medians)"),
            new Expected("primed-start", "Primed (SnapStart) first invocation, every function (issue 17, part 4)",
                    "< 250 ms", "not stated"),
            new Expected("jar-size", "Shaded jar size, every function (issue 17, part 4)", "< 12 MB (goal 8 MB)",
                    "publish 11.8 MiB"),
            new Expected("latency-p99", "Notification latency p99, POST to signed webhook, 100 leads"
                    + " (issue 17, part 5)", "< 200 ms", "not measured on a quiet machine"),
            new Expected("idle-cpu", "Idle local runtime, % of one core (issue 17, part 6)", "< 2%", "32%"),
            new Expected("suite-time", "The whole benchmark suite (issue 17, part 7)", "< 30 min",
                    "did not finish in 45 min"),
            new Expected("ingest-vs-put", "Ingest vs raw conditional PutItem, same item size", "ratio >= 0.8", "-"),
            new Expected("score-write-requests", "Score: DynamoDB write requests per batch",
                    "<= distinct leads + distinct accounts per batch", "-"),
            new Expected("decay-index-reads", "Decay: index entries read per lead due, 1% due", "<= 1.2", "-"),
            new Expected("rescore-history-reads", "Backtest and re-score: read units for the histories, against the"
                    + " activities' bytes / 4 KB", "<= 1.2", "-"),
            new Expected("rescore-writes", "Re-score: writes", "one transaction per changed lead, none per unchanged",
                    "-"),
            new Expected("report-reads", "Audit and stage reports: read units against the minimum"
                    + " (bytes / 4 KB)", "<= 1.2", "-"),
            new Expected("training-time", "Training on 100,000 leads with their history, reading excluded, and its peak"
                    + " heap (issue 15)", "within one Lambda: < 900 s, < 10 GB", "-"));

    private final Map<String, List<Goal>> measured = new LinkedHashMap<>();

    void add(Goal goal) {
        measured.computeIfAbsent(goal.key(), key -> new ArrayList<>()).add(goal);
    }

    /** The Markdown table: the expected goals in order, then any goal reported under a key the suite does not know. */
    String render() {
        StringBuilder table = new StringBuilder("| Measure | Goal | Before | Measured | Met |\n|---|---|---|---|:---:|\n");
        for (Expected expected : GOALS) {
            List<Goal> goals = measured.getOrDefault(expected.key(), List.of());
            if (goals.isEmpty()) {
                row(table, expected.measure(), expected.goal(), expected.before(), NOT_MEASURED, "-");
            }
            goals.forEach(goal -> row(table, goal, expected.before()));
        }
        measured.forEach((key, goals) -> {
            if (GOALS.stream().noneMatch(expected -> expected.key().equals(key))) {
                goals.forEach(goal -> row(table, goal, "-"));
            }
        });
        return table.toString();
    }

    private static void row(StringBuilder table, Goal goal, String before) {
        row(table, goal.measure(), goal.goal(), before, goal.measured(), goal.met() ? "yes" : "**no**");
    }

    private static void row(StringBuilder table, String... cells) {
        table.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
