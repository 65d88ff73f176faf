package io.leadscore.bench;

import io.leadscore.local.runtime.LocalRuntime;
import io.leadscore.local.runtime.NotificationLatency;
import io.leadscore.local.runtime.NotificationLatency.Sample;
import io.leadscore.local.runtime.WebhookReceiver;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 17, parts 6 and 5, in one run: the CPU an idle local runtime uses, then the notification latency of the same
 * runtime. The runtime starts in this JVM and is left alone while start-up settles: at least {@code --settle}, then
 * until the JIT has stopped compiling start-up's code (the issue asks for the CPU "when nothing happens", and a JIT
 * still compiling is start-up happening), {@code --settle-max} at most. Then its process CPU time is read over a
 * window of nothing happening: the percentage of one core. Then the latency from the POST of a qualifying event to
 * the signed webhook, over 100 leads one after another after 20 warm-up leads that are not counted
 * ({@link NotificationLatency}), with where the time goes hop by hop ({@link HopBreakdown}). The load averages are
 * printed beside them: the cores here are shared, and a busy neighbour slows the latency far more than the idle CPU.
 *
 * <p>Run: {@code mvn -q compile exec:java -pl bench -am -Dexec.mainClass=io.leadscore.bench.QuietRuntime
 * -Dexec.args="--settle 120 --window 60 --leads 100"}
 */
public final class QuietRuntime {
    static final double IDLE_GOAL_PERCENT = 2.0;
    static final long P99_GOAL_MILLIS = 200;
    /** Start-up is over when the JIT compiled for at most this long over the last {@link #JIT_CHECK}. */
    static final long JIT_QUIET_MILLIS = 20;
    static final Duration JIT_CHECK = Duration.ofSeconds(10);

    private QuietRuntime() {
    }

    public static void main(String[] args) throws Exception {
        Duration settle = Duration.ofSeconds(120);
        Duration settleMax = Duration.ofSeconds(300);
        Duration window = Duration.ofSeconds(60);
        int leads = 100;
        int warmUpLeads = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--settle" -> settle = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--settle-max" -> settleMax = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--window" -> window = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--leads" -> leads = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUpLeads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: QuietRuntime [--settle 120] [--settle-max 300]"
                        + " [--window 60] [--leads 100] [--warm-up 20]; not " + args[i]);
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long begun = System.nanoTime();
        try (WebhookReceiver receiver = new WebhookReceiver();
             LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                     .withEnvironment(NotificationLatency.webhookTo(receiver)))) {
            LockSupport.parkNanos(settle.toNanos());
            long jitLast = awaitQuietJit(begun + settleMax.toNanos());
            long settled = (System.nanoTime() - begun) / 1_000_000_000;
            String idleLoad = loadAverage();
            long polls = runtime.streamPolls();
            long cpu = os.getProcessCpuTime();
            long started = System.nanoTime();
            LockSupport.parkNanos(window.toNanos());
            long elapsed = System.nanoTime() - started;
            double idlePercent = 100.0 * (os.getProcessCpuTime() - cpu) / elapsed;
            double pollsPerSecond = (runtime.streamPolls() - polls) * 1e9 / elapsed;
            String idleLoadAfter = loadAverage();

            List<Sample> samples;
            String latencyLoad = loadAverage();
            long latencyPolls = runtime.streamPolls();
            try (HopBreakdown hops = new HopBreakdown()) {
                samples = NotificationLatency.samples(runtime, receiver, warmUpLeads, leads);
                System.out.printf("Where the time goes, %d leads after %d warm-up leads (the runtime's debug log of"
                        + " each function's start and end and each poller's wake-up):%n%n%s%n", leads, warmUpLeads,
                        hops.table(samples));
            }
            double pollsPerLead = (runtime.streamPolls() - latencyPolls) / (double) (warmUpLeads + leads);
            String latencyLoadAfter = loadAverage();
            List<Long> millis = samples.stream().map(Sample::millis).sorted().toList();
            long p99 = NotificationLatency.p99(millis);
            System.out.printf("| Measure | Value | Goal | Met |%n|---|---:|---|---|%n");
            System.out.printf("| Idle CPU, %d s once start-up had settled (%d s after start: at least %d s, and the JIT"
                            + " compiled for at most %d ms over %d s, or %d s at most; it compiled %d ms in the last"
                            + " %d s) | %.2f%% of one core | under %.0f%% | %s |%n",
                    window.toSeconds(), settled, settle.toSeconds(), JIT_QUIET_MILLIS, JIT_CHECK.toSeconds(),
                    settleMax.toSeconds(), jitLast, JIT_CHECK.toSeconds(), idlePercent, IDLE_GOAL_PERCENT,
                    idlePercent < IDLE_GOAL_PERCENT ? "yes" : "no");
            System.out.printf("| Stream poller passes while idle (all pollers) | %.3f /s | | |%n", pollsPerSecond);
            System.out.printf("| Load average (1, 5, 15 min) at the start and end of the idle window | %s / %s | | |%n",
                    idleLoad, idleLoadAfter);
            System.out.printf("| POST to webhook, %d leads after %d warm-up leads: p50 | %d ms | | |%n", leads,
                    warmUpLeads, NotificationLatency.p50(millis));
            System.out.printf("| POST to webhook, %d leads after %d warm-up leads: p99 | %d ms | under %d ms | %s |%n",
                    leads, warmUpLeads, p99, P99_GOAL_MILLIS, p99 < P99_GOAL_MILLIS ? "yes" : "no");
            System.out.printf("| POST to webhook: max | %d ms | | |%n", millis.get(millis.size() - 1));
            System.out.printf("| Stream poller passes per lead (all pollers: its warm-up batch, the wait for the"
                    + " streams to drain, which passes each poller once, and its qualifying event) | %.1f | | |%n",
                    pollsPerLead);
            List<Long> cpuMillis = samples.stream().map(sample -> sample.cpuNanos() / 1_000_000).sorted().toList();
            System.out.printf("| CPU time of the whole process from POST to webhook, all threads, the JIT and GC"
                            + " included (the path has no timed waits left: on a quiet machine with the JIT done, its"
                            + " bound): p50 / p99 | %d / %d ms | | |%n",
                    NotificationLatency.p50(cpuMillis), NotificationLatency.p99(cpuMillis));
            System.out.printf("| Load average (1, 5, 15 min) at the start and end of the latency run | %s / %s | | |%n",
                    latencyLoad, latencyLoadAfter);
            Goal.report("idle-cpu", "Idle local runtime, % of one core", "< 2%", idlePercent < IDLE_GOAL_PERCENT,
                    "%.2f%% (%d s window from %d s after start, load average %s)", idlePercent,
                    window.toSeconds(), settled, idleLoad);
            Goal.report("latency-p99", "Notification latency p99, POST to signed webhook", "< 200 ms",
                    p99 < P99_GOAL_MILLIS, "%d ms, p50 %d ms (%d leads after %d warm-up, load average %s)", p99,
                    NotificationLatency.p50(millis), leads, warmUpLeads, latencyLoad);
        }
        System.exit(0);
    }

    /**
     * Waits until the JIT is done with start-up's compilations (at most {@link #JIT_QUIET_MILLIS} of compilation over
     * {@link #JIT_CHECK}) or the deadline; returns the milliseconds it compiled over the last check.
     */
    private static long awaitQuietJit(long deadlineNanos) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long compiled = jit.getTotalCompilationTime();
        while (true) {
            LockSupport.parkNanos(JIT_CHECK.toNanos());
            long now = jit.getTotalCompilationTime();
            if (now - compiled <= JIT_QUIET_MILLIS || System.nanoTime() - deadlineNanos > 0) {
                return now - compiled;
            }
            compiled = now;
        }
    }

    /** The 1, 5 and 15 minute load averages: the cores here are shared. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }
}
