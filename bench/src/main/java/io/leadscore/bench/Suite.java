package io.leadscore.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole benchmark suite in one command, each benchmark in a JVM of its own (so none inherits another's warm
 * code or garbage): cold starts and jar sizes, rule evaluation (JMH) and the backtest, ingest and scoring
 * against raw DynamoDB calls with their write counts at three table sizes, backtest and re-score jobs (their reads
 * against the histories' minimum, their writes, 1 and 2 workers), the decay sweep, the idle local runtime's
 * CPU and its notification latency, the local ingest rate, and the audit and stage reports over 100,000 leads (their read units against the
 * minimum and a scan of the leads). What each prints goes to the console and, under a heading, to
 * {@code bench/target/benchmarks.md}, with the machine and the command: the material of BENCHMARKS.md.
 *
 * <p>{@code --quick} runs every benchmark at a tenth of its size, to check the suite itself.
 */
public final class Suite {
    static final Path RESULTS = Path.of("target", "benchmarks.md");

    /** One benchmark: its heading, main class, arguments, and the JVM options it needs. */
    record Benchmark(String title, String mainClass, List<String> args, List<String> jvm) {
    }

    private Suite() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean quick = List.of(args).contains("--quick");
        List<Benchmark> suite = List.of(
                new Benchmark("Cold start and jar size", ColdStart.class.getName(),
                        List.of("--runs", quick ? "1" : "5"), List.of()),
                new Benchmark("Rule evaluation (JMH) and backtest", Throughput.class.getName(),
                        quick ? List.of("1000", "100") : List.of(), List.of("-Xmx2g")),
                new Benchmark("Ingest and score against raw DynamoDB calls; writes; scaling",
                        StoreThroughput.class.getName(), quick
                        ? List.of("--events", "500", "--batches", "4", "--leads", "300")
                        : List.of("--events", "5000", "--batches", "20", "--leads", "300,3000,30000"), List.of()),
                new Benchmark("Backtest and re-score jobs: reads, writes, 1 and 2 workers",
                        RescoreThroughput.class.getName(), List.of("--leads", quick ? "200" : "2000"), List.of()),
                new Benchmark("Decay sweep", "io.leadscore.local.runtime.DecayRate",
                        List.of(quick ? "10000" : "100000"), List.of("-Xmx2g")),
                new Benchmark("Idle local runtime CPU and notification latency (POST to webhook)",
                        QuietRuntime.class.getName(), quick
                        ? List.of("--settle", "10", "--window", "10", "--leads", "20")
                        : List.of("--settle", "120", "--window", "60", "--leads", "100"), List.of()),
                new Benchmark("Ingest in the local runtime", "io.leadscore.local.runtime.IngestRate",
                        List.of(quick ? "5" : "20"), List.of()),
                new Benchmark("Audit and stage reports: read units against the minimum and a scan of the leads",
                        AuditReportBench.class.getName(), List.of("--leads", quick ? "10000" : "100000"),
                        List.of("-Xmx2g")),
                new Benchmark("Account write cost: write units per scored event at 1 to 10,000 members",
                        AccountWriteCost.class.getName(), List.of("--members", quick ? "1,100,1000" : "1,100,1000,10000",
                        "--events", quick ? "50" : "200"), List.of()));
        Instant started = Instant.now();
        StringBuilder results = new StringBuilder();
        results.append("Run ").append(started.truncatedTo(ChronoUnit.SECONDS)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append(")\n")
                .append("Command: mvn -q install -DskipTests && mvn -q exec:exec@suite -pl bench")
                .append(quick ? " -Dsuite.args=--quick" : "").append("\n");
        for (Benchmark benchmark : suite) {
            results.append("\n## ").append(benchmark.title()).append("\n\n");
            System.out.println("\n## " + benchmark.title() + "\n");
            int status = run(benchmark, results);
            if (status != 0) {
                results.append("\n(exit status ").append(status).append(": a goal was missed or the run failed)\n");
            }
        }
        results.append("\nSuite run time: ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s\n");
        Files.writeString(RESULTS, results.toString(), StandardCharsets.UTF_8);
        System.out.println("\nResults written to " + RESULTS.toAbsolutePath());
    }

    /** Runs a benchmark in a new JVM with this class path; its output lines go to the console and the results. */
    private static int run(Benchmark benchmark, StringBuilder results) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(benchmark.jvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), benchmark.mainClass()));
        command.addAll(benchmark.args());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println(line);
                if (!line.startsWith("{") && !line.startsWith("SLF4J")) { // log lines are not results
                    results.append(line).append('\n');
                }
            }
        }
        return process.waitFor();
    }
}
