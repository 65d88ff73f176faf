package io.leadscore.bench;

import io.leadscore.local.runtime.LocalRuntime;
import io.leadscore.local.runtime.NotificationLatency;
import io.leadscore.local.runtime.WebhookReceiver;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 17, parts 6 and 5, in one run: the CPU an idle local runtime uses, then the notification latency of the same
 * runtime. The runtime starts in this JVM, is left alone while start-up settles (class loading, the JIT), then its
 * process CPU time is read over a window of nothing happening: the percentage of one core. Then the latency from the
 * POST of a qualifying event to the signed webhook, over 100 leads one after another ({@link NotificationLatency}).
 * The load average is printed beside them: the cores here are shared, and a busy neighbour slows the latency, not the
 * idle CPU.
 *
 * <p>Run: {@code mvn -q compile exec:java -pl bench -am -Dexec.mainClass=io.leadscore.bench.QuietRuntime
 * -Dexec.args="--settle 120 --window 60 --leads 100"}
 */
public final class QuietRuntime {
    static final double IDLE_GOAL_PERCENT = 2.0;
    static final long P99_GOAL_MILLIS = 200;

    private QuietRuntime() {
    }

    public static void main(String[] args) throws Exception {
        Duration settle = Duration.ofSeconds(120);
        Duration window = Duration.ofSeconds(60);
        int leads = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--settle" -> settle = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--window" -> window = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--leads" -> leads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("usage: QuietRuntime [--settle 120] [--window 60]"
                        + " [--leads 100]; not " + args[i]);
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (WebhookReceiver receiver = new WebhookReceiver();
             LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                     .withEnvironment(NotificationLatency.webhookTo(receiver)))) {
            LockSupport.parkNanos(settle.toNanos());
            double idleLoad = os.getSystemLoadAverage();
            long polls = runtime.streamPolls();
            long cpu = os.getProcessCpuTime();
            long started = System.nanoTime();
            LockSupport.parkNanos(window.toNanos());
            long elapsed = System.nanoTime() - started;
            double idlePercent = 100.0 * (os.getProcessCpuTime() - cpu) / elapsed;
            double pollsPerSecond = (runtime.streamPolls() - polls) * 1e9 / elapsed;

            List<Long> millis = NotificationLatency.measure(runtime, receiver, leads);
            double latencyLoad = os.getSystemLoadAverage();
            long p99 = NotificationLatency.p99(millis);
            System.out.printf("| Measure | Value | Goal | Met |%n|---|---:|---|---|%n");
            System.out.printf("| Idle CPU, %d s after %d s of start-up | %.2f%% of one core | under %.0f%% | %s |%n",
                    window.toSeconds(), settle.toSeconds(), idlePercent, IDLE_GOAL_PERCENT,
                    idlePercent < IDLE_GOAL_PERCENT ? "yes" : "no");
            System.out.printf("| Stream poller passes while idle (all pollers) | %.2f /s | | |%n", pollsPerSecond);
            System.out.printf("| POST to webhook, %d leads: p50 | %d ms | | |%n", leads, NotificationLatency.p50(millis));
            System.out.printf("| POST to webhook, %d leads: p99 | %d ms | under %d ms | %s |%n", leads, p99,
                    P99_GOAL_MILLIS, p99 < P99_GOAL_MILLIS ? "yes" : "no");
            System.out.printf("| POST to webhook, %d leads: max | %d ms | | |%n", leads, millis.get(millis.size() - 1));
            System.out.printf("| Load average (1 min) while idle / after the latency run | %.2f / %.2f | | |%n",
                    idleLoad, latencyLoad);
            Goal.report("idle-cpu", "Idle local runtime, % of one core", "< 2%", idlePercent < IDLE_GOAL_PERCENT,
                    "%.2f%% (%d s window after %d s of start-up, load average %.2f)", idlePercent,
                    window.toSeconds(), settle.toSeconds(), idleLoad);
            Goal.report("latency-p99", "Notification latency p99, POST to signed webhook", "< 200 ms",
                    p99 < P99_GOAL_MILLIS, "%d ms, p50 %d ms (%d leads, load average %.2f)", p99,
                    NotificationLatency.p50(millis), leads, latencyLoad);
        }
        System.exit(0);
    }
}
