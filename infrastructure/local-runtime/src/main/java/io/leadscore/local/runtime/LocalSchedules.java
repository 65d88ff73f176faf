package io.leadscore.local.runtime;

import io.leadscore.local.Resolver;
import io.leadscore.local.ScheduleSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The template's schedules, run locally: each {@code rate(...)} on a timer that follows the functions' clock
 * (a schedule of one hour comes every 2.5 s when the clock runs a day a minute), and all of them on demand.
 */
final class LocalSchedules implements AutoCloseable {
    private record Scheduled(LocalFunction function, ScheduleSource schedule, String input) {
    }

    private final List<Scheduled> schedules = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-schedules");
        thread.setDaemon(true);
        return thread;
    });

    void add(LocalFunction function, Resolver resolver) {
        function.definition().schedules().forEach(schedule ->
                schedules.add(new Scheduled(function, schedule, schedule.input(resolver))));
    }

    /** Starts the timers; {@code clockSpeed} is how much faster than real time the functions' clock runs. */
    void start(double clockSpeed) {
        for (Scheduled scheduled : schedules) {
            if (scheduled.schedule().rate() != null) {
                long period = Math.max(1, (long) (scheduled.schedule().rate().toMillis() / clockSpeed));
                timer.scheduleAtFixedRate(() -> run(scheduled), period, period, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Runs every schedule now, in turn; what each function returned, by function and schedule name. */
    synchronized Map<String, Object> runAll() {
        Map<String, Object> results = new LinkedHashMap<>();
        schedules.forEach(s -> results.put(s.function().definition().logicalId() + "." + s.schedule().name(),
                s.function().schedule(s.input())));
        return results;
    }

    private synchronized void run(Scheduled scheduled) {
        try {
            scheduled.function().schedule(scheduled.input());
        } catch (RuntimeException e) {
            // As with EventBridge Scheduler: the failure is logged and the next tick runs as usual.
            System.err.println("schedule " + scheduled.schedule().name() + " of "
                    + scheduled.function().definition().logicalId() + " failed: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
