package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;

/**
 * A running job's progress on stderr: a bar redrawn in place in a terminal; otherwise (a CI log, a file) one plain
 * line each time the counts change, since a redrawn bar would fill a log with carriage returns.
 */
abstract class JobProgress implements AutoCloseable {

    static JobProgress on(PrintStream stream, boolean interactive) {
        return interactive ? new Bar(stream, -1) : new Lines(stream);
    }

    abstract void show(JsonNode job);

    @Override
    public abstract void close();

    /**
     * What the bar counts: leads when the job knows their total, segments otherwise (the design's job reports
     * segments done of total and leads done, and a job learns its leads only as its segments scan them).
     */
    record Measure(String unit, long done, long total) {
        static Measure of(JsonNode job) {
            JsonNode leads = job.path("leads");
            if (leads.path("total").asLong() > 0) {
                return new Measure("leads", leads.path("done").asLong(), leads.path("total").asLong());
            }
            JsonNode segments = job.path("segments");
            return new Measure("segments", segments.path("done").asLong(), segments.path("total").asLong());
        }
    }

    /** The status and the lead counts: what the bar does not show. */
    static String message(JsonNode job) {
        String status = job.path("status").asText("queued");
        if ("waiting".equals(status)) {
            return "waiting for score batches on the previous revision to finish";
        }
        JsonNode leads = job.path("leads");
        return status + " · " + leads.path("done").asLong() + " leads, " + leads.path("changed").asLong()
                + " changed, " + leads.path("errors").asLong() + " errors";
    }

    /** The progress bar library's bar; {@code width} -1 is the terminal's width. */
    static final class Bar extends JobProgress {
        private final PrintStream stream;
        private final int width;
        private ProgressBar bar;

        Bar(PrintStream stream, int width) {
            this.stream = stream;
            this.width = width;
        }

        @Override
        void show(JsonNode job) {
            Measure measure = Measure.of(job);
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(job.path("type").asText("job"))
                        .setInitialMax(Math.max(1, measure.total()))
                        .setUnit(" " + measure.unit(), 1)
                        .setUpdateIntervalMillis(200)
                        .setConsumer(new ConsoleProgressBarConsumer(stream, width))
                        .build();
            }
            bar.maxHint(Math.max(1, measure.total()));
            bar.stepTo(measure.done());
            bar.setExtraMessage(message(job));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** A line per change, for output that is not a terminal. */
    static final class Lines extends JobProgress {
        private final PrintStream stream;
        private String last;

        Lines(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        void show(JsonNode job) {
            Measure measure = Measure.of(job);
            String line = job.path("type").asText("job") + " " + job.path("jobId").asText() + ": " + measure.done()
                    + "/" + measure.total() + " " + measure.unit() + " · " + message(job);
            if (!line.equals(last)) {
                stream.println(line);
                stream.flush();
                last = line;
            }
        }

        @Override
        public void close() {
            stream.flush();
        }
    }
}
