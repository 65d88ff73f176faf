package io.leadscore.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole benchmark suite in one command, each benchmark in a JVM of its own (so none inherits another's warm
 * code or garbage): cold starts and jar sizes, rule evaluation (JMH) and the backtest, ingest and scoring
 * against raw DynamoDB calls with their write counts at three table sizes, backtest and re-score jobs (their reads
 * against the histories' minimum, their writes, 1 and 2 workers), the decay sweep, the idle local runtime's
 * CPU and its notification latency, the local ingest rate, the audit and stage reports (their read units against
 * the minimum and a scan of the leads), and the price of an event ({@link PricePerEvent}). What each prints goes to
 * the console and, under a heading, to {@code bench/target/benchmarks.md}, written once at the end so that every
 * figure in it comes from this run of this commit: first the machine and the commit, the goals table
 * ({@link GoalTable}, from the benchmarks' {@link Goal} lines), each benchmark's time and the load average around it,
 * then the benchmarks' own tables.
 *
 * <p>{@code --quick} runs every benchmark at a tenth of its size, to check the suite itself.
 */
public final class Suite {
    static final Path RESULTS = Path.of("target", "benchmarks.md");
    static final Duration GOAL = Duration.ofMinutes(30);
    static final String COMMAND = "mvn -q -pl bench -am package -DskipTests -Dsuite";

    /** One benchmark: its heading, main class, arguments, and the JVM options it needs. */
    record Benchmark(String title, String mainClass, List<String> args, List<String> jvm) {
    }

    /** How one benchmark's run went: its time, the one-minute load average before and after, its exit status. */
    record Timing(String title, Duration time, double loadBefore, double loadAfter, int status) {
    }

    private Suite() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean quick = List.of(args).contains("--quick");
        List<Benchmark> suite = List.of(
                new Benchmark("Cold start and jar size", ColdStart.class.getName(),
                        List.of("--runs", quick ? "1" : "3"), List.of()),
                new Benchmark("Rule evaluation (JMH) and backtest", Throughput.class.getName(),
                        quick ? List.of("1000", "100") : List.of(), List.of("-Xmx2g")),
                new Benchmark("Ingest and score against raw DynamoDB calls; writes; scaling",
                        StoreThroughput.class.getName(), quick
                        ? List.of("--events", "500", "--batches", "4", "--leads", "100")
                        : List.of("--events", "2000", "--batches", "10", "--leads", "100,1000,10000"), List.of()),
                new Benchmark("Backtest and re-score jobs: reads, writes, 1 and 2 workers",
                        RescoreThroughput.class.getName(), List.of("--leads", quick ? "100" : "1000"), List.of()),
                new Benchmark("Decay sweep", DecayRate.class.getName(),
                        List.of(quick ? "1000" : "10000"), List.of("-Xmx2g")),
                new Benchmark("Idle local runtime CPU and notification latency (POST to webhook)",
                        QuietRuntime.class.getName(), quick
                        ? List.of("--settle", "10", "--window", "10", "--leads", "20")
                        : List.of("--settle", "60", "--settle-max", "240", "--window", "60", "--leads", "100", "--warm-up", "60"),
                        List.of()),
                new Benchmark("Ingest in the local runtime", "io.leadscore.local.runtime.IngestRate",
                        List.of(quick ? "5" : "20"), List.of()),
                new Benchmark("Audit and stage reports: read units against the minimum and a scan of the leads",
                        AuditReportBench.class.getName(), List.of("--leads", quick ? "1000" : "10000"),
                        List.of("-Xmx2g")),
                new Benchmark("Price per event (issue 17, part 3)", PricePerEvent.class.getName(),
                        List.of("--batches", quick ? "2" : "4", "--members", quick ? "5,100" : "5,1000"), List.of()),
                new Benchmark("Account write cost: write units per scored event at 1 to 10,000 members",
                        AccountWriteCost.class.getName(), List.of("--members", quick ? "1,100,1000" : "1,100,1000,10000",
                        "--events", quick ? "50" : "200"), List.of()),
                new Benchmark("Training on 100,000 leads (issue 15): examples, fit, peak heap, the train function's jar",
                        TrainingTime.class.getName(), List.of("--leads", quick ? "10000" : "100000"),
                        List.of("-Xmx3g")));
        Instant started = Instant.now();
        String header = machine(started, quick);
        GoalTable goals = new GoalTable();
        List<Timing> timings = new ArrayList<>();
        StringBuilder sections = new StringBuilder();
        for (Benchmark benchmark : suite) {
            sections.append("\n## ").append(benchmark.title()).append("\n\n");
            System.out.println("\n## " + benchmark.title() + "\n");
            double loadBefore = loadAverage();
            long t0 = System.nanoTime();
            int status = run(benchmark, sections, goals);
            Timing timing = new Timing(benchmark.title(), Duration.ofNanos(System.nanoTime() - t0), loadBefore,
                    loadAverage(), status);
            timings.add(timing);
            System.out.printf(Locale.ROOT, "%n(%s: %d s, load average %.2f before, %.2f after, exit status %d)%n",
                    benchmark.mainClass(), timing.time().toSeconds(), loadBefore, timing.loadAfter(), status);
            if (status != 0) {
                sections.append("\n(exit status ").append(status).append(": a goal was missed or the run failed)\n");
            }
            // Rewritten after each benchmark: a run stopped part way (a deadline, a hang) keeps what it measured.
            Files.writeString(RESULTS, results(header, goals, timings, Duration.between(started, Instant.now()),
                    sections, suite.size()), StandardCharsets.UTF_8);
        }
        Duration total = Duration.between(started, Instant.now());
        goals.add(new Goal("suite-time", "The whole benchmark suite" + (quick ? ", --quick" : "")
                + " (issue 17, part 7)", "< 30 min", String.format(Locale.ROOT, "%d min %02d s, %d benchmarks;"
                + " load average %.2f at start, %.2f at end", total.toMinutes(), total.toSecondsPart(), suite.size(),
                timings.get(0).loadBefore(), timings.get(timings.size() - 1).loadAfter()),
                total.compareTo(GOAL) < 0));
        Files.writeString(RESULTS, results(header, goals, timings, total, sections, suite.size()),
                StandardCharsets.UTF_8);
        System.out.println("\n" + timingTable(timings, total));
        System.out.println("Results written to " + RESULTS.toAbsolutePath());
    }

    /** The results file: while benchmarks of the suite's {@code count} are still to run, it says how many ran. */
    static String results(String header, GoalTable goals, List<Timing> timings, Duration total, CharSequence sections,
                          int count) {
        String partial = timings.size() < count ? String.format(Locale.ROOT, "\n**Partial: %d of %d benchmarks"
                + " run**; the suite was stopped or is still running.%n", timings.size(), count) : "";
        return header + partial + "\n## Goals\n\n" + goals.render() + "\n## Run time of each benchmark\n\n"
                + timingTable(timings, total) + sections;
    }

    /** The machine, the commit (and whether the work tree differed from it) and the command. */
    private static String machine(Instant started, boolean quick) {
        return "Run " + started.truncatedTo(ChronoUnit.SECONDS) + " on "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + ' '
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ")\n\n"
                + "Commit: " + git("rev-parse", "HEAD").orElse("unknown (not a git work tree)")
                + git("status", "--porcelain").map(status -> status.isEmpty() ? " (work tree clean)"
                        : " (work tree **dirty**: these figures are not of that commit alone)").orElse("") + "\n\n"
                + "Command: " + COMMAND + (quick ? " -Dsuite.args=--quick" : "") + "\n";
    }

    /** The output of a git command run here, trimmed, or empty where git or the repository is not there. */
    private static Optional<String> git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static String timingTable(List<Timing> timings, Duration total) {
        StringBuilder table = new StringBuilder("| Benchmark | Time | Load average (1 min) before | after | Exit status |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (Timing timing : timings) {
            table.append(String.format(Locale.ROOT, "| %s | %d min %02d s | %.2f | %.2f | %d |%n", timing.title(),
                    timing.time().toMinutes(), timing.time().toSecondsPart(), timing.loadBefore(), timing.loadAfter(),
                    timing.status()));
        }
        return table.append(String.format(Locale.ROOT, "| **The whole suite** | %d min %02d s | | | |%n",
                total.toMinutes(), total.toSecondsPart())).toString();
    }

    /**
     * Runs a benchmark in a new JVM with this class path: its goal lines go to the goals table, its other output
     * lines to the console and the results.
     */
    private static int run(Benchmark benchmark, StringBuilder results, GoalTable goals)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ColdStart.java()));
        command.addAll(benchmark.jvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), benchmark.mainClass()));
        command.addAll(benchmark.args());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println(line);
                take(line, results, goals);
            }
        }
        return process.waitFor();
    }

    /** One line of a benchmark's output: a goal to the table, a result to the results, a log line to neither. */
    static void take(String line, StringBuilder results, GoalTable goals) {
        Optional<Goal> goal;
        try {
            goal = Goal.parse(line);
        } catch (IllegalArgumentException malformed) {
            // Kept in view rather than lost, and the run goes on: one benchmark's typo must not cost the others'.
            results.append("(malformed goal line: ").append(line).append(")\n");
            return;
        }
        if (goal.isPresent()) {
            goals.add(goal.get());
        } else if (!line.startsWith("{") && !line.startsWith("SLF4J")) { // log lines are not results
            results.append(line).append('\n');
        }
    }
}
