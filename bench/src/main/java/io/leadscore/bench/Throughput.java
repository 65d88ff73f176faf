package io.leadscore.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Collection;
import java.util.Locale;

/**
 * Runs both throughput measurements: the JMH benchmark {@link RuleEvaluation} (forked JVM, one thread) with its
 * baseline, then the {@link Backtest} in this JVM, which has not run the scorer before (as a backtest job starts).
 * Arguments are passed to the backtest.
 */
public final class Throughput {
    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(RuleEvaluation.class.getName() + "\\.")
                .build()).run();
        double score = 0;
        double baseline = 0;
        System.out.println();
        System.out.println("| benchmark | ops/s (1 thread) | ± 99.9% error |");
        System.out.println("|---|---:|---:|");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double ops = result.getPrimaryResult().getScore();
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f |%n", name.substring(name.lastIndexOf('.') + 1),
                    ops, result.getPrimaryResult().getScoreError());
            if (name.endsWith(".score")) {
                score = ops;
            } else if (name.endsWith(".baseline")) {
                baseline = ops;
            }
        }
        if (score > 0 && baseline > 0) {
            System.out.printf(Locale.ROOT,
                    "score runs at %.4f of the baseline's rate (%.2f%%): the harness alone costs %.0f ns/event,"
                            + " harness + scoring %.0f ns/event%n",
                    score / baseline, 100 * score / baseline, 1e9 / baseline, 1e9 / score);
        }
        System.out.println();
        Backtest.main(args);
    }
}
