package io.leadscore.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A frequency cap: a rule scores at most {@code times} within a rolling {@code window} (null: ever),
 * counted separately for each value of {@code perField} when given (e.g. once per videoId).
 */
public record Cap(int times, Duration window, String perField, String cappedNote) {
    /**
     * How many values of its field a per-value cap remembers for a lead (per rule): a field such as a URL has no end
     * of values, and a lead's cap history must stay bounded. Past it, values whose window has passed are forgotten to
     * make room; when none has, a hit of a new value is refused, as the cap refuses what it cannot prove fits.
     */
    public static final int MAX_VALUES = 100;

    /** {@code cappedNote}, the ledger's note on a hit the cap refuses, is made once: capped hits are common. */
    public Cap(int times, Duration window, String perField) {
        this(times, window, perField, "capped: " + describe(times, window, perField));
    }

    /**
     * Whether one more hit at {@code at} stays within the cap. Only the newest {@code times} hits are
     * remembered, so a late event whose window reaches back past the oldest of a full memory cannot be
     * proven to fit, and is refused: a cap may under-score a backdated event, never over-score.
     */
    public boolean allows(List<Instant> remembered, Instant at) {
        if (remembered.size() >= times && window != null && at.minus(window).isBefore(remembered.get(0))) {
            return false;
        }
        int within = 0;
        for (Instant hit : remembered) {
            within += inWindow(hit, at) ? 1 : 0;
        }
        return within < times;
    }

    /** The hits to remember once {@code at} is recorded: the newest {@code times}, oldest first. */
    public List<Instant> record(List<Instant> remembered, Instant at) {
        int size = remembered.size();
        if (size == 0 || !at.isBefore(remembered.get(size - 1))) {
            // Events in time order, the usual case: the hit goes last, and the list is made once, without a sort.
            int kept = Math.min(times - 1, size);
            Instant[] hits = new Instant[kept + 1];
            for (int i = 0; i < kept; i++) {
                hits[i] = remembered.get(size - kept + i);
            }
            hits[kept] = at;
            return List.of(hits);
        }
        var hits = new java.util.ArrayList<>(remembered);
        hits.add(at);
        hits.sort(null);
        return List.copyOf(hits.subList(Math.max(0, hits.size() - times), hits.size()));
    }

    /** Whether these hits can no longer cap a hit at {@code at}: all of them are a whole window before it. */
    public boolean passed(List<Instant> remembered, Instant at) {
        return window != null && remembered.stream().noneMatch(hit -> !at.minus(window).isAfter(hit));
    }

    /** Hits count against {@code at} from either side: a late event is checked against newer ones too. */
    private boolean inWindow(Instant hit, Instant at) {
        if (window == null) {
            return true;
        }
        // |at - hit| < window, in seconds and nanoseconds: asked for every remembered hit of every capped rule.
        long seconds = at.getEpochSecond() - hit.getEpochSecond();
        int nanos = at.getNano() - hit.getNano();
        if (seconds < 0 || seconds == 0 && nanos < 0) {
            seconds = -seconds;
            nanos = -nanos;
        }
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000;
        }
        return seconds < window.getSeconds() || seconds == window.getSeconds() && nanos < window.getNano();
    }

    public String describe() {
        return describe(times, window, perField);
    }

    private static String describe(int times, Duration window, String perField) {
        String period = window == null ? "ever" : "per " + ModelLoader.periodName(window);
        return "at most " + times + (times == 1 ? " time " : " times ") + period
                + (perField == null ? "" : " for each " + perField);
    }
}
