package io.leadscore.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;

/**
 * An import's progress on stderr, in rows sent: a bar redrawn in place in a terminal; otherwise a plain line per
 * request, as {@link JobProgress} does for jobs and for the same reason.
 */
final class ImportProgress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream lines;
    private final int total;
    private int done;

    private ImportProgress(ProgressBar bar, PrintStream lines, int total) {
        this.bar = bar;
        this.lines = lines;
        this.total = total;
    }

    static ImportProgress on(PrintStream stream, boolean interactive, int total) {
        return interactive ? new ImportProgress(new ProgressBarBuilder().setTaskName("feedback import")
                .setInitialMax(Math.max(1, total)).setUnit(" rows", 1).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(stream, -1)).build(), null, total)
                : new ImportProgress(null, stream, total);
    }

    void advance(int rows) {
        done += rows;
        if (bar != null) {
            bar.stepTo(done);
        } else {
            lines.println("feedback import: " + done + "/" + total + " rows");
            lines.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else {
            lines.flush();
        }
    }
}
