package io.leadscore.revision;

import io.leadscore.revision.BacktestReport.ChangedLead;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The qualifications a backtest changes: all counted, the {@code limit} with the largest score difference kept.
 * Keeping the largest is what makes partial reports mergeable: the largest of a union are among the largest of
 * its parts, so a merged list is the one a single pass would have made.
 */
final class ChangedQualifications {
    static final Comparator<ChangedLead> LARGEST_FIRST = Comparator
            .comparingInt((ChangedLead c) -> -Math.abs(c.scoreCandidate() - c.scoreBaseline()))
            .thenComparing(ChangedLead::leadId).thenComparing(ChangedLead::threshold);

    private final int limit;
    private final TreeSet<ChangedLead> listed = new TreeSet<>(LARGEST_FIRST);
    private long count;

    ChangedQualifications(int limit) {
        this.limit = limit;
    }

    void add(ChangedLead changed) {
        count++;
        keep(changed);
    }

    void merge(ChangedQualifications other) {
        count += other.count;
        other.listed.forEach(this::keep);
    }

    void restore(long count, List<ChangedLead> listed) {
        this.count = count;
        listed.forEach(this::keep);
    }

    long count() {
        return count;
    }

    List<ChangedLead> listed() {
        return List.copyOf(listed);
    }

    private void keep(ChangedLead changed) {
        listed.add(changed);
        if (listed.size() > limit) {
            listed.pollLast();
        }
    }
}
