package io.leadscore.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.PrintStream;

/**
 * An import's progress on stderr: a bar redrawn in place in a terminal; otherwise a plain line per request, as
 * {@link JobProgress} does for jobs and for the same reason. Either against a number of rows known beforehand, or
 * through a file, whose size in bytes gives the total without reading it twice, the rows sent counted beside.
 */
final class ImportProgress implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream lines;
    private final String task;
    private final long total;
    private final boolean file;
    private long rows;

    private ImportProgress(ProgressBar bar, PrintStream lines, String task, long total, boolean file) {
        this.bar = bar;
        this.lines = lines;
        this.task = task;
        this.total = total;
        this.file = file;
    }

    /** Against {@code total} rows. */
    static ImportProgress rows(PrintStream stream, boolean interactive, String task, int total) {
        return on(stream, interactive, task, total, false, " rows", 1);
    }

    /** Through a file of {@code bytes}. */
    static ImportProgress file(PrintStream stream, boolean interactive, String task, long bytes) {
        return on(stream, interactive, task, bytes, true, " KB", 1024);
    }

    private static ImportProgress on(PrintStream stream, boolean interactive, String task, long total, boolean file,
                                     String unit, int unitSize) {
        return interactive ? new ImportProgress(new ProgressBarBuilder().setTaskName(task)
                .setInitialMax(Math.max(1, total)).setUnit(unit, unitSize).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(stream, -1)).build(), null, task, total, file)
                : new ImportProgress(null, stream, task, total, file);
    }

    /** {@code rows} more sent (against a number of rows). */
    void advance(int rows) {
        at(this.rows + rows, this.rows + rows);
    }

    /** {@code rows} sent in all, the file read up to {@code position}. */
    void at(long rows, long position) {
        this.rows = rows;
        if (bar != null) {
            bar.stepTo(position);
            if (file) {
                bar.setExtraMessage(rows + " rows");
            }
        } else {
            lines.println(task + ": " + (file ? rows + " rows, " + position * 100 / Math.max(1, total) + "% of the file"
                    : rows + "/" + total + " rows"));
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
