package io.leadscore.bench;

import io.leadscore.local.runtime.NotificationLatency.Sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.LongStream;

/**
 * Where the time of a qualifying event goes, hop by hop, read from the local runtime's debug log: every function
 * invocation logs its start and end, every stream poller the moment a write woke it ({@code [who, what, nanoTime]}).
 * The latency driver runs one lead at a time, so the marks between a POST and its webhook are that event's. A write
 * wakes only the pollers whose filter may take what it wrote: the activity ingested wakes the score and shadow
 * pollers at once, so its write is the first wake-up after the ingest function started; the score transaction wakes
 * the publish poller alone, so its write is the last wake-up before the publish function started (one of the
 * activity's pollers may log its wake-up after the score function started, on a busy machine).
 */
final class HopBreakdown implements AutoCloseable {
    static final List<String> HOPS = List.of(
            "POST to the ingest function (HTTP API)",
            "ingest function, to its write waking the pollers",
            "score poller's pass (GetRecords; the describes too when the stream may have changed)",
            "score function, to its transaction waking the pollers",
            "publish poller's pass",
            "publish function, PutEvents and the bus's rule",
            "notify function, to the webhook's receipt");
    private static final List<String> LOGGERS = List.of("io.leadscore.local.runtime.LocalFunction",
            "io.leadscore.local.StreamPoller");

    private record Mark(String who, String what, long nanos) {
    }

    private final List<Mark> marks = new ArrayList<>();
    private final List<Logger> loggers = new ArrayList<>(); // held: JUL keeps loggers only weakly
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            if (parameters != null && parameters.length == 3 && parameters[2] instanceof Long nanos) {
                synchronized (marks) {
                    marks.add(new Mark(parameters[0].toString(), parameters[1].toString(), nanos));
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts collecting the runtime's marks (debug level for its functions and pollers only). */
    HopBreakdown() {
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.FINE);
            logger.addHandler(handler);
            loggers.add(logger);
        }
    }

    /**
     * The nanoseconds of each of {@link #HOPS} for this sample, summing to its whole time.
     *
     * @throws IllegalStateException if a function's marks are missing between the POST and the webhook
     */
    long[] hops(Sample sample) {
        List<Mark> within;
        synchronized (marks) {
            within = marks.stream().filter(m -> m.nanos >= sample.sentNanos() && m.nanos <= sample.receivedNanos())
                    .sorted((a, b) -> Long.compare(a.nanos, b.nanos)).toList();
        }
        // A function's write wakes the next poller before the function returns: the wake-up, not the function's end,
        // divides one hop from the next.
        long ingestStart = first(within, "IngestFunction", "start", sample.sentNanos());
        long scoreStart = first(within, "ScoreFunction", "start", ingestStart);
        long ingestWrite = woken(within, ingestStart, scoreStart).findFirst().orElse(scoreStart);
        long publishStart = first(within, "PublishFunction", "start", scoreStart);
        long scoreWrite = woken(within, scoreStart, publishStart).reduce((earlier, later) -> later)
                .orElse(publishStart);
        long notifyStart = first(within, "NotifyFunction", "start", publishStart);
        long[] points = {sample.sentNanos(), ingestStart, ingestWrite, scoreStart, scoreWrite, publishStart,
                notifyStart, sample.receivedNanos()};
        long[] hops = new long[points.length - 1];
        for (int i = 0; i < hops.length; i++) {
            hops[i] = points[i + 1] - points[i];
        }
        return hops;
    }

    /** The Markdown rows: each hop's median and p99 in ms and its share of the summed time of all samples. */
    String table(List<Sample> samples) {
        long[][] byHop = new long[HOPS.size()][samples.size()];
        for (int s = 0; s < samples.size(); s++) {
            long[] hops = hops(samples.get(s));
            for (int h = 0; h < hops.length; h++) {
                byHop[h][s] = hops[h];
            }
        }
        double total = Arrays.stream(byHop).flatMapToLong(Arrays::stream).sum();
        StringBuilder table = new StringBuilder("| Hop | p50 ms | p99 ms | share of the time |\n|---|---:|---:|---:|\n");
        for (int h = 0; h < HOPS.size(); h++) {
            long[] sorted = byHop[h].clone();
            Arrays.sort(sorted);
            table.append(String.format("| %s | %.1f | %.1f | %.1f%% |%n", HOPS.get(h), sorted[sorted.length / 2] / 1e6,
                    sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                    100.0 * Arrays.stream(byHop[h]).sum() / total));
        }
        return table.toString();
    }

    /** The times pollers were woken in (after, before], in order; none if a pass was under way. */
    private static LongStream woken(List<Mark> marks, long after, long before) {
        LongPredicate between = nanos -> nanos > after && nanos <= before;
        return marks.stream().filter(m -> m.what.equals("woken") && between.test(m.nanos)).mapToLong(Mark::nanos);
    }

    private static long first(List<Mark> marks, String function, String what, long after) {
        return marks.stream().filter(m -> m.who.equals(function) && m.what.equals(what) && m.nanos >= after)
                .mapToLong(Mark::nanos).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + what + " of " + function + " in the log"));
    }

    @Override
    public void close() {
        loggers.forEach(logger -> {
            logger.removeHandler(handler);
            logger.setLevel(null);
        });
    }
}
