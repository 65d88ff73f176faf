package io.leadscore.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoalTableTest {

    /** A benchmark's output as Suite reads it: goal lines among its own table, a log line, a malformed goal. */
    private static final List<String> OUTPUT = List.of(
            "| benchmark | ops/s |",
            "|---|---:|",
            "{\"level\":\"INFO\",\"message\":\"a log line\"}",
            "GOAL|idle-cpu|Idle CPU, 60 s after 120 s|< 2%|0.84% of one core|yes",
            "| score | 1,200,000 |",
            "GOAL|jar-size|Shaded jar, ingest|< 12 MB (goal 8 MB)|10.6 MB|yes",
            "GOAL|rule-evaluation|Rule evaluation, default model|>= 1,000,000 events/s|640,000 events/s|no",
            "GOAL|jar-size|Shaded jar, publish|< 12 MB (goal 8 MB)|12.4 MB|no",
            "GOAL|warm-cache|Something new|< 1 s|0.5 s|yes",
            "GOAL|backtest|Backtest|< 3 s|2.1 s");

    private static StringBuilder feed(GoalTable goals) {
        StringBuilder results = new StringBuilder();
        OUTPUT.forEach(line -> Suite.take(line, results, goals));
        return results;
    }

    @Test
    void goalLinesGoToTheTableInTheIssuesOrderAndTheRestToTheResults() {
        GoalTable goals = new GoalTable();
        StringBuilder results = feed(goals);

        assertEquals("| benchmark | ops/s |\n|---|---:|\n| score | 1,200,000 |\n"
                + "(malformed goal line: GOAL|backtest|Backtest|< 3 s|2.1 s)\n", results.toString());
        List<String> rows = List.of(goals.render().split("\n"));
        assertEquals(2 + GoalTable.GOALS.size() + 1 + 1, rows.size(), "one row per expected goal, publish's second"
                + " jar row and the unknown key's row");
        assertEquals("| Measure | Goal | Before | Measured | Met |", rows.get(0));
        assertEquals("| Rule evaluation, default model | >= 1,000,000 events/s | 90,544 events/s (11 us an event)"
                + " | 640,000 events/s | **no** |", rows.get(2));
        assertEquals("| Backtest of 1,000,000 events, both cores (issue 17, part 1) | < 3 s | 17.6 s"
                + " | not measured in this run | - |", rows.get(3));
        int jar = rows.indexOf("| Shaded jar, ingest | < 12 MB (goal 8 MB) | publish 11.8 MiB | 10.6 MB | yes |");
        assertEquals(2 + keyIndex("jar-size"), jar);
        assertEquals("| Shaded jar, publish | < 12 MB (goal 8 MB) | publish 11.8 MiB | 12.4 MB | **no** |",
                rows.get(jar + 1));
        assertEquals("| Idle CPU, 60 s after 120 s | < 2% | 32% | 0.84% of one core | yes |", rows.get(jar + 3));
        assertEquals("| Something new | < 1 s | - | 0.5 s | yes |", rows.get(rows.size() - 1));
    }

    @Test
    void everyGoalNotReportedIsShownNotMeasured() {
        GoalTable goals = new GoalTable();
        feed(goals);

        String table = goals.render();
        for (String key : List.of("backtest", "account-writes", "price-5", "price-1000", "cold-start",
                "primed-start", "latency-p99", "suite-time", "ingest-vs-put", "score-write-requests",
                "decay-index-reads", "rescore-history-reads", "rescore-writes", "report-reads", "training-time")) {
            GoalTable.Expected expected = GoalTable.GOALS.get(keyIndex(key));
            assertTrue(table.contains("| " + expected.measure() + " | " + expected.goal() + " | " + expected.before()
                    + " | " + GoalTable.NOT_MEASURED + " | - |\n"), key);
        }
        assertEquals(15, table.split(GoalTable.NOT_MEASURED, -1).length - 1);
    }

    @Test
    void aGoalPrintsTheLineItIsParsedFrom() {
        Goal goal = new Goal("price-5", "Dollars per million events, accounts of 5", "<= $2.00", "$1.62", true);

        assertEquals("GOAL|price-5|Dollars per million events, accounts of 5|<= $2.00|$1.62|yes", goal.line());
        assertEquals(goal, Goal.parse(goal.line()).orElseThrow());
        assertTrue(Goal.parse("| price | $1.62 |").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Goal("price-5", "a | b", "<= $2.00", "$1.62", true));
    }

    @Test
    void aRunStoppedPartWaySaysHowManyBenchmarksRanAndKeepsTheirGoals() {
        GoalTable goals = new GoalTable();
        feed(goals);
        List<Suite.Timing> ran = List.of(new Suite.Timing("Cold start", java.time.Duration.ofSeconds(275), 15.09,
                24.92, 0), new Suite.Timing("Rule evaluation", java.time.Duration.ofSeconds(390), 24.92, 16.74, 1));

        String partial = Suite.results("Run header\n", goals, ran, java.time.Duration.ofSeconds(700), "## Cold start\n", 8);
        String done = Suite.results("Run header\n", goals, ran, java.time.Duration.ofSeconds(700), "## Cold start\n", 2);

        assertTrue(partial.startsWith("Run header\n\n**Partial: 2 of 8 benchmarks run**;"), partial);
        assertTrue(partial.contains("| Idle CPU, 60 s after 120 s | < 2% | 32% | 0.84% of one core | yes |\n"));
        assertTrue(partial.contains("| Rule evaluation | 6 min 30 s | 24.92 | 16.74 | 1 |\n"
                + "| **The whole suite** | 11 min 40 s | | | |\n## Cold start\n"), partial);
        assertEquals(partial.substring(partial.indexOf("\n## Goals")), done.substring(done.indexOf("\n## Goals")));
        assertTrue(done.startsWith("Run header\n\n## Goals\n"), done);
    }

    private static int keyIndex(String key) {
        for (int i = 0; i < GoalTable.GOALS.size(); i++) {
            if (GoalTable.GOALS.get(i).key().equals(key)) {
                return i;
            }
        }
        throw new AssertionError("no goal " + key);
    }
}
