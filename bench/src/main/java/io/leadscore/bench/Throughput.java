package io.leadscore.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs both throughput measurements: the JMH benchmark {@link RuleEvaluation} (forked JVM, one thread) with its
 * baseline, then the {@link Backtest} in this JVM, which has not run the scorer before (as a backtest job starts).
 * Arguments are passed to the backtest.
 */
public final class Throughput {
    static final double RULE_EVALUATION_GOAL = 1_000_000;

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(RuleEvaluation.class.getName() + "\\.")
                .addProfiler(org.openjdk.jmh.profile.GCProfiler.class) // bytes per event: load does not skew them
                .build()).run();
        Map<String, Double> score = new LinkedHashMap<>();
        Map<String, Double> baseline = new LinkedHashMap<>();
        Map<String, Double> applyOne = new LinkedHashMap<>();
        System.out.println();
        System.out.println("| benchmark | model | ops/s (1 thread) | ± 99.9% error | bytes allocated/op |");
        System.out.println("|---|---|---:|---:|---:|");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String model = result.getParams().getParam("model");
            double ops = result.getPrimaryResult().getScore();
            Result<?> bytes = result.getSecondaryResults().get("gc.alloc.rate.norm");
            System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f |%n",
                    name.substring(name.lastIndexOf('.') + 1), model, ops, result.getPrimaryResult().getScoreError(),
                    bytes == null ? Double.NaN : bytes.getScore());
            (name.endsWith(".score") ? score : name.endsWith(".applyOne") ? applyOne : baseline).put(model, ops);
        }
        score.forEach((model, ops) -> {
            double harness = baseline.getOrDefault(model, Double.NaN);
            System.out.printf(Locale.ROOT, "score (%s model) runs at %.4f of the baseline's rate: the harness alone"
                    + " costs %.0f ns/event, harness + scoring %.0f ns/event; one Lead in and out per event (applyOne)"
                    + " %.0f ns/event%n", model, ops / harness, 1e9 / harness, 1e9 / ops,
                    1e9 / applyOne.getOrDefault(model, Double.NaN));
        });
        if (score.containsKey("default")) {
            double ops = score.get("default");
            Goal.report("rule-evaluation", "Rule evaluation, default model, 1 thread (JMH)",
                    ">= 1,000,000 events/s per core", ops >= RULE_EVALUATION_GOAL, "%,.0f events/s (%.2f us/event);"
                    + " harness baseline %,.0f/s", ops, 1e6 / ops, baseline.getOrDefault("default", Double.NaN));
        }
        if (score.containsKey("default") && score.containsKey("every-construct")) {
            System.out.printf(Locale.ROOT, "the every-construct model scores at %.2f of the default model's rate%n",
                    score.get("every-construct") / score.get("default"));
        }
        System.out.println();
        Backtest.main(args);
    }
}
