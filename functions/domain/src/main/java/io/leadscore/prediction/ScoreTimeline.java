package io.leadscore.prediction;

import io.leadscore.revision.Rescorer;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A lead's score over time, from the changes a replay made, in the order it made them: what it counted towards its
 * account at any moment. An activity or verdict counts after its instant, a decay step at it, as a replay read at a
 * moment has them.
 */
final class ScoreTimeline {
    /** Twice the epoch millisecond, plus one for an activity or verdict: so that "up to a moment" is one comparison. */
    private final long[] keys;
    private final int[] scores;

    ScoreTimeline(List<Rescorer.Change> changes) {
        keys = new long[changes.size()];
        scores = new int[changes.size()];
        for (int i = 0; i < keys.length; i++) {
            Rescorer.Change change = changes.get(i);
            keys[i] = 2 * change.at().toEpochMilli() + (change.step() ? 0 : 1);
            // A step a sweep takes late is dated when it was due, but its score holds what came before the sweep:
            // it counts from then on, or a moment before those events would read them.
            if (i > 0 && keys[i] < keys[i - 1]) {
                keys[i] = keys[i - 1];
            }
            scores[i] = change.score();
        }
    }

    /** Whether the lead had done anything before {@code at}: before, it was no member of its account. */
    boolean startedBefore(Instant at) {
        return keys.length > 0 && keys[0] < 2 * at.toEpochMilli();
    }

    /** Its score at {@code at}: after the activities and verdicts before it and the steps due by it. */
    int at(Instant at) {
        long key = 2 * at.toEpochMilli();
        int found = Arrays.binarySearch(keys, key);
        // Several changes may share a key: the last of them counts.
        int last = found >= 0 ? found : -found - 2;
        while (last + 1 < keys.length && keys[last + 1] <= key) {
            last++;
        }
        return last < 0 ? 0 : scores[last];
    }
}
