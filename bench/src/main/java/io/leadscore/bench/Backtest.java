package io.leadscore.bench;

import io.leadscore.activity.Activity;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.leadscore.lead.Lead;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.Rescorer;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Re-score throughput, as a model backtest runs it: 1,000,000 activities of 10,000 leads (100 each, in time order,
 * the leads interleaved) are generated in memory, then each lead's history is replayed from a new lead with the
 * default model ({@link Rescorer#replay}, as a backtest or a re-score job replays a lead). Leads are independent, so
 * they are split over the available processors; the results land in an array indexed by lead, so the report is the
 * same whatever the split. Prints the events per second, whether the 1,000,000 events took under 3 s, and a SHA-256
 * of the report (each lead's score, group scores and qualifications, in lead order): the same digest before and after
 * a change of the engine says its answers did not change. Passes: both cores from a fresh JVM (as a backtest job
 * starts), both cores warm, one thread warm (its digest must equal the others'), and the harness baseline (the same
 * split reading each activity's fields instead of scoring it). The fresh pass counts for the goal only in a JVM with the
 * jobs function's flags (template.yaml's {@code JAVA_TOOL_OPTIONS} for {@code JobsFunction}), the worker that replays a
 * backtest's segments.
 *
 * <p>Arguments: {@code [leads] [eventsPerLead]} (default 10000 100).
 */
public final class Backtest {
    private static final double GOAL_SECONDS = 3.0;

    public static void main(String[] args) {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perLead = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int total = leads * perLead;
        int cores = Runtime.getRuntime().availableProcessors();
        String jobsFlags = jobsFlags();
        List<String> differing = differing(jobsFlags);
        System.out.printf(Locale.ROOT, "the jobs function's JVM flags (template.yaml): %s; this JVM runs with them: %s%n",
                jobsFlags, differing.isEmpty() ? "yes" : "NO, it differs in " + differing);

        long t0 = System.nanoTime();
        Workload workload = new Workload(1_000, 7);
        List<List<Activity>> histories = new ArrayList<>(leads);
        for (int l = 0; l < leads; l++) {
            histories.add(new ArrayList<>(perLead));
        }
        // Event i belongs to lead i % leads; each lead's events are RuleEvaluation.GAP_SECONDS apart overall.
        long step = Math.max(1, RuleEvaluation.GAP_SECONDS / leads);
        Instant now = Workload.START;
        for (int i = 0; i < total; i++) {
            now = Workload.START.plusSeconds(i * step);
            histories.get(i % leads).add(workload.activity(i * 31L + i / leads, "lead-" + (i % leads), now));
        }
        System.out.printf(Locale.ROOT, "generated %,d activities of %,d leads in %.2f s; %d processors%n", total,
                leads, (System.nanoTime() - t0) / 1e9, cores);

        Rescorer rescorer = new Rescorer(ModelLoader.defaultModel());
        Instant asOf = now;
        double coldSeconds = 0;
        double warmSeconds = 0;
        String digest = null;
        boolean identical = true;
        for (String pass : List.of("both cores, cold JVM (as a backtest job starts)", "both cores, warm",
                "one thread, warm")) {
            boolean parallel = !pass.startsWith("one");
            JvmWork before = JvmWork.now();
            long start = System.nanoTime();
            Lead[] replayed = new Lead[leads];
            IntStream indexes = IntStream.range(0, leads);
            (parallel ? indexes.parallel() : indexes).forEach(l -> replayed[l] = rescorer.replay("lead-" + l,
                    histories.get(l), List.of(), asOf));
            double seconds = (System.nanoTime() - start) / 1e9;
            JvmWork spent = JvmWork.now().since(before);
            String report = report(replayed);
            identical &= digest == null || digest.equals(report);
            digest = digest == null ? report : digest;
            long totalScore = 0;
            for (Lead lead : replayed) {
                totalScore += lead.score();
            }
            System.out.printf(Locale.ROOT, "%s: %,d events in %.3f s = %,.0f events/s; total score %,d; report"
                    + " SHA-256 %s%n", pass, total, seconds, total / seconds, totalScore, report);
            System.out.printf(Locale.ROOT, "  the JVM's own work in that pass: %s%n", spent);
            if (coldSeconds == 0) {
                coldSeconds = seconds;
            } else if (warmSeconds == 0) {
                warmSeconds = seconds;
            }
        }
        long start = System.nanoTime();
        long harness = IntStream.range(0, leads).parallel().mapToLong(l -> {
            long sum = 0;
            for (Activity activity : histories.get(l)) {
                sum += activity.type().hashCode() ^ activity.leadId().hashCode() ^ activity.eventId().length()
                        ^ activity.occurredAt().getNano() ^ activity.properties().size();
            }
            return sum;
        }).sum();
        double baselineSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "harness baseline (both cores, fields read, %d): %,d events in %.3f s = %,.0f"
                + " events/s; the warm backtest runs at %.4f of its rate%n", harness & 1, total, baselineSeconds,
                total / baselineSeconds, baselineSeconds / warmSeconds);
        System.out.printf(Locale.ROOT, "reports of the three passes byte-identical: %s%n", identical ? "yes" : "NO");
        double scaled = coldSeconds * (1_000_000.0 / total);
        boolean met = scaled < GOAL_SECONDS && identical && differing.isEmpty();
        Goal.report("backtest", "Backtest of 1,000,000 events on " + cores + " cores, fresh JVM", "< 3 s", met,
                "%.3f s (%.3f s warm; %,d events measured, scaled to 1,000,000), report SHA-256 %s; the jobs"
                + " function's JVM flags (%s): %s", scaled, warmSeconds * (1_000_000.0 / total), total,
                digest.substring(0, 16), jobsFlags, differing.isEmpty() ? "yes" : "NO");
        if (!identical) {
            System.exit(1);
        }
    }

    /**
     * What the JVM spent besides running the replay, over a pass: the fresh pass's difference from the warm one. CPU is
     * the process's (every thread: the replaying ones, the JIT compilers and the collector), so it reads against the
     * pass's wall clock times the processors.
     */
    record JvmWork(long cpuNanos, long compileMillis, long collections, long collectMillis, long classes) {
        static JvmWork now() {
            long collections = 0;
            long collectMillis = 0;
            for (java.lang.management.GarbageCollectorMXBean gc
                    : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                collections += gc.getCollectionCount();
                collectMillis += gc.getCollectionTime();
            }
            return new JvmWork(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime(),
                    java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime(),
                    collections, collectMillis,
                    java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        }

        JvmWork since(JvmWork start) {
            return new JvmWork(cpuNanos - start.cpuNanos, compileMillis - start.compileMillis,
                    collections - start.collections, collectMillis - start.collectMillis, classes - start.classes);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "process CPU %.3f s, JIT compilation %,d ms (compiler threads),"
                    + " %d collections in %,d ms, %,d classes loaded", cpuNanos / 1e9, compileMillis, collections,
                    collectMillis, classes);
        }
    }

    /**
     * The JVM options of the jobs function, whose workers replay a backtest's segments: template.yaml's
     * {@code JAVA_TOOL_OPTIONS} for {@code JobsFunction} (the Globals' C1-only flags, as for every function).
     */
    static String jobsFlags() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        return template.function("JobsFunction").environment(template.resolver(table -> table))
                .getOrDefault("JAVA_TOOL_OPTIONS", "");
    }

    /** The flags of {@code options} ({@code -XX:+Name}, {@code -XX:-Name}, {@code -XX:Name=value}) this JVM differs in. */
    static List<String> differing(String options) {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        List<String> differing = new ArrayList<>();
        for (String option : options.trim().split("\\s+")) {
            if (!option.startsWith("-XX:")) {
                continue;
            }
            String flag = option.substring(4);
            int equals = flag.indexOf('=');
            String name = equals < 0 ? flag.substring(1) : flag.substring(0, equals);
            String value = equals < 0 ? String.valueOf(flag.charAt(0) == '+') : flag.substring(equals + 1);
            if (!hotSpot.getVMOption(name).getValue().equals(value)) {
                differing.add(option);
            }
        }
        return differing;
    }

    /** SHA-256 over each lead's score, group scores, qualifications and rule tallies, in lead order. */
    static String report(Lead[] leads) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Lead lead : leads) {
                sha.update((lead.id() + '|' + lead.score() + '|' + lead.groups() + '|'
                        + new TreeMap<>(lead.qualifications()) + '|' + new TreeMap<>(lead.breakdown()) + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
