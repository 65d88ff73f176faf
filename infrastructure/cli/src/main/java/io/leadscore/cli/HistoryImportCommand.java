package io.leadscore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.support.Json;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code import events} and {@code import leads} share: the options, the checkpoint beside the file (a re-run
 * resumes after the last batch the API answered for; {@code --restart} starts over), the rejects file, the progress,
 * and the summary. Subclasses say what a row of their file is.
 */
abstract class HistoryImportCommand extends Subcommand {
    /** The import route's batch limit. */
    static final int MAX_BATCH = 500;
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/(s|m|min))?");

    @Option(names = "--rate", paramLabel = "N/s", defaultValue = "1000/s", description = "At most this many events a"
            + " second (N/s, or N/m a minute), on average: a token bucket. Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + MAX_BATCH, description = "Events to a request,"
            + " 1 to " + MAX_BATCH + ". Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Where the rejected rows go, a JSON line each with"
            + " its line number and errors (default: the file's name with .rejected.jsonl).")
    Path rejectsPath;

    @Option(names = "--restart", description = "Start from the first row, ignoring the checkpoint an interrupted run"
            + " left (FILE.import-state).")
    boolean restart;

    @Option(names = "--announce", description = "Announce the thresholds the history crosses (LeadQualified...) to"
            + " sales, as live events would; by default an import is silent.")
    boolean announce;

    RateLimit.Ticker ticker = RateLimit.Ticker.SYSTEM;

    /** The file to import. */
    abstract Path file();

    /** What is imported and how, recorded in the checkpoint: a resume with other options would mix two imports. */
    abstract String kind();

    /** The file's rows after {@code offset}, where line {@code line} ended (0, 0: from the first row). */
    abstract ImportRows open(long offset, long line) throws IOException;

    @Override
    public Integer call() {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new Failure(ExitCode.USAGE, "--batch must be 1 to " + MAX_BATCH + " (was " + batchSize + ")");
        }
        RateLimit limit = new RateLimit(perSecond(), ticker);
        Format format = format();
        Path file = file();
        long size = size(file);
        Path checkpoint = file.resolveSibling(file.getFileName() + ".import-state");
        ImportState resumed = restart ? null : ImportState.read(checkpoint);
        if (resumed != null && (!resumed.kind().equals(kind()) || resumed.offset() > size)) {
            throw new Failure(ExitCode.USAGE, checkpoint.getFileName() + " is the checkpoint of another import ("
                    + resumed.kind() + ", up to byte " + resumed.offset() + "): pass --restart to start this one over");
        }
        ImportState start = resumed == null ? ImportState.start(kind()) : resumed;
        Path rejectsAt = rejectsPath != null ? rejectsPath : file.resolveSibling(
                file.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".rejected.jsonl");
        AdminApi api = api();
        if (resumed != null) {
            err().println("resuming " + file.getFileName() + " after line " + resumed.line() + " (" + resumed.rows()
                    + " rows imported before; --restart starts over)");
            err().flush();
        }
        long began = System.nanoTime();
        FileImport history = null;
        try (ImportRows rows = open(start.offset(), start.line());
             RejectsFile rejects = resumed == null ? RejectsFile.fresh(rejectsAt)
                     : RejectsFile.resumed(rejectsAt, resumed.rejectsLength());
             ImportProgress progress = root().fileProgress("import " + spec.name(), size)) {
            history = new FileImport(api, limit, batchSize, announce, checkpoint, start, rejects, progress);
            ImportState done = history.run(rows);
            Files.deleteIfExists(checkpoint);
            summary(format, done, done.rows() - start.rows(), Duration.ofNanos(System.nanoTime() - began), rejectsAt);
            return done.rejected() > 0 ? ExitCode.FAILED : ExitCode.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped(new Failure(ExitCode.FAILED, "interrupted", e), history, file);
        } catch (Failure e) {
            throw stopped(e, history, file);
        } catch (IOException e) {
            throw stopped(new Failure(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e), history, file);
        }
    }

    /** A failure after some batches went through says where a re-run will resume. */
    private static Failure stopped(Failure failure, FileImport history, Path file) {
        if (history == null || history.state().rows() == 0) {
            return failure;
        }
        return new Failure(failure.exitCode(), failure.getMessage() + "\nimported up to line " + history.state().line()
                + " of " + file.getFileName() + ": the same command resumes after it", failure);
    }

    private void summary(Format format, ImportState done, long rowsHere, Duration elapsed, Path rejectsAt) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        if (format == Format.JSON) {
            ObjectNode json = Json.mapper().createObjectNode().put("rows", done.rows()).put("accepted", done.accepted())
                    .put("duplicates", done.duplicates()).put("rejected", done.rejected())
                    .put("rejects", done.rejected() > 0 ? rejectsAt.toString() : null)
                    .put("rowsThisRun", rowsHere).put("elapsedSeconds", Math.round(seconds * 1000) / 1000.0)
                    .put("rowsPerSecond", Math.round(rowsHere / seconds));
            printBody(json.toString());
            return;
        }
        Table table = new Table(null, "rows", "accepted", "duplicate", "rejected", "elapsed", "rows/s");
        table.row(done.rows(), done.accepted(), done.duplicates(), done.rejected(),
                String.format(Locale.ROOT, "%.1f s", seconds), Math.round(rowsHere / seconds));
        table.print(out(), format);
        if (done.rejected() > 0) {
            err().println(done.rejected() + " rejected rows, each with its line and errors, in " + rejectsAt);
        }
        out().flush();
        err().flush();
    }

    private double perSecond() {
        Matcher matcher = RATE.matcher(rate.strip().toLowerCase(Locale.ROOT));
        double value = matcher.matches() ? Double.parseDouble(matcher.group(1)) : 0;
        if (value <= 0) {
            throw new Failure(ExitCode.USAGE, "--rate must be a number of events above zero, a second (N or N/s) or"
                    + " a minute (N/m), e.g. 1000/s (was " + rate + ")");
        }
        return matcher.group(2) == null || matcher.group(2).equals("s") ? value : value / 60;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new Failure(ExitCode.IO, "cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new Failure(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
