package io.leadscore.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bucket's folder is looked at when the file system reports a change, not on a timer while nothing changes. */
class FolderWatchTest {
    /** A safety net so slow that whatever happens within seconds is the doing of a change, not of the timer. */
    private static final Duration AN_HOUR = Duration.ofHours(1);
    private static final Duration PERIOD = Duration.ofMillis(20);

    private Path folder;
    private FolderWatch watch;

    @BeforeEach
    void folder() throws Exception {
        folder = Files.createTempDirectory("folder-watch");
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
    }

    @Test
    void anIdleFolderIsLookedAtOnce() {
        watch = new FolderWatch(folder, PERIOD, AN_HOUR, () -> false);
        awaitLooks(1);
        sleep(Duration.ofMillis(600));
        // Every period, as the bucket watch looked before, would be 30 looks.
        assertEquals(1, watch.looks());
        assertEquals(0, watch.wakeupsByChange());
    }

    @Test
    void aFileWrittenWakesItAndIsLookedAtOnceMoreAPeriodLaterWhileSettling() throws Exception {
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        watch = new FolderWatch(folder, PERIOD, AN_HOUR, () -> {
            List<String> files = files();
            seen.add(files);
            // As the bucket's look: a file seen for the first time is settling; seen unchanged, it is whole.
            return seen.size() < 2 || !files.equals(seen.get(seen.size() - 2));
        });
        awaitLooks(1);
        Files.writeString(folder.resolve("a.jsonl"), "{}\n");
        awaitLooks(3);
        sleep(Duration.ofMillis(300));
        // The safety net is an hour: only the write can have woken it. The file system may report the write as a
        // creation and a modification apart, so it may wake more than once; it never looks before the write is seen.
        assertEquals(List.of(List.of(), List.of("a.jsonl"), List.of("a.jsonl")), seen.subList(0, 3));
        assertTrue(watch.wakeupsByChange() >= 1, "the write woke it");

        Files.createDirectories(folder.resolve("events")); // reported in the root, then watched itself
        awaitLooks(5);
        Files.writeString(folder.resolve("events/b.jsonl"), "{}\n");
        awaitLooks(7);
        sleep(Duration.ofMillis(300));
        assertEquals(List.of("a.jsonl", "events", "events/b.jsonl"), seen.get(seen.size() - 1));
        assertTrue(watch.wakeupsByChange() >= 3, "the folder, its file and the first write each woke it");
    }

    private List<String> files() {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> !path.equals(folder))
                    .map(path -> folder.relativize(path).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitLooks(long count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watch.looks() < count) {
            assertTrue(System.nanoTime() < deadline, "the watch made " + watch.looks() + " looks");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void sleep(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
