package io.leadscore.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Runs a look at a folder tree when the file system reports a change in it, and again every {@code period} while the
 * look says a file is still settling (seen once, not yet seen unchanged); otherwise it sleeps. Looking every second
 * whether anything changed kept a thread of an idle local runtime busy for nothing; the operating system knows.
 *
 * <p>Every folder of the tree is watched, new ones as the look after their creation finds them (files written into a
 * new folder before that are found by the same look). A look also runs every {@code safetyNet} without a change, for
 * file systems that do not report changes (a network share).
 */
final class FolderWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FolderWatch.class.getName());
    /** The slowest look: for a file system that reports nothing, new files are still found within a minute. */
    static final Duration SAFETY_NET = Duration.ofMinutes(1);

    private final Path folder;
    private final Duration period;
    private final Duration safetyNet;
    private final BooleanSupplier look;
    private final WatchService changes;
    private final Set<Path> watched = new HashSet<>();
    private final AtomicLong looks = new AtomicLong();
    private final AtomicLong wakeupsByChange = new AtomicLong();
    private final Thread thread;

    /**
     * Starts watching in a daemon thread, with a first look at once.
     *
     * @param look looks at the folder; true when a file is settling and the folder must be looked at after the period
     */
    FolderWatch(Path folder, Duration period, Duration safetyNet, BooleanSupplier look) {
        this.folder = folder;
        this.period = period;
        this.safetyNet = safetyNet;
        this.look = look;
        try {
            changes = folder.getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + folder, e);
        }
        thread = new Thread(this::watchUntilClosed, "local-s3-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many looks it has run. */
    long looks() {
        return looks.get();
    }

    /** How many of its sleeps a change reported by the file system ended. */
    long wakeupsByChange() {
        return wakeupsByChange.get();
    }

    @Override
    public void close() {
        try {
            changes.close(); // ends a sleep with ClosedWatchServiceException
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void watchUntilClosed() {
        try {
            boolean settling = lookNow();
            while (true) {
                WatchKey key = changes.poll((settling ? period : safetyNet).toNanos(), TimeUnit.NANOSECONDS);
                if (key != null) {
                    wakeupsByChange.incrementAndGet();
                    if (!settling) {
                        // A file being copied changes many times: the look after a period says whether it is whole.
                        TimeUnit.NANOSECONDS.sleep(period.toNanos());
                    }
                    for (; key != null; key = changes.poll()) {
                        key.pollEvents();
                        if (!key.reset()) {
                            watched.remove((Path) key.watchable()); // deleted: watched again if made again
                        }
                    }
                }
                settling = lookNow();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        }
    }

    /** Watches the folders not yet watched, then looks: a file made after the watch began is reported or seen. */
    private boolean lookNow() {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path directory : walk.filter(Files::isDirectory).filter(d -> !watched.contains(d)).toList()) {
                directory.register(changes, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                watched.add(directory);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(WARNING, "watching the folders of " + folder + " failed; the next look tries again", e);
        }
        try {
            return look.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "looking at " + folder + " failed; trying again", e);
            return true;
        } finally {
            looks.incrementAndGet();
        }
    }
}
