package io.leadscore.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs both throughput measurements: the JMH benchmark {@link RuleEvaluation} (forked JVM, one thread) with its
 * baseline, then the {@link Backtest} in a new JVM with this one's options and the jobs function's flags
 * ({@link Backtest#jobsFlags}), as a backtest job's worker starts. Arguments are passed to the backtest.
 */
public final class Throughput {
    static final double RULE_EVALUATION_GOAL = 1_000_000;

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
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
        List<String> command = new ArrayList<>(List.of(ColdStart.java()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        Stream.of(Backtest.jobsFlags().trim().split("\\s+")).filter(flag -> !flag.isEmpty()).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Backtest.class.getName()));
        command.addAll(List.of(args));
        System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
    }
}
