package io.leadscore.scoring;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a stored lead's score is made of: the activities it applied, its own and those of the visitors merged into it,
 * read back from where they were recorded. A re-score replays them under another revision, a backtest under two.
 *
 * <p>Cheap when it can be. A lead counts the activities it applied ({@link Lead#appliedActivities()}, a merged
 * visitor's included), so when as many are recorded, every recorded one is applied and they are the history: no
 * ledger is read. A lead's own activities are then read eventually consistently, at half the price: a stale read
 * returns a prefix of the order they were recorded in, and the stream applied them in that order, so a stale read that
 * still counts as many as were applied holds exactly those. Several partitions (merged visitors) share no such order,
 * and are read consistently.
 *
 * <p>Otherwise (an activity recorded and not applied yet, a lead stored before the count existed, or more visitors
 * merged than a lead lists) the ledgers say what was applied: the lead's event entries, the visitors named by its
 * merge entries, and each visitor's entries from before it merged.
 *
 * <p>Activities and ledger entries expire (the table's {@link io.leadscore.activity.Retention}), so what is read back
 * may be fewer than the lead applied: such a history is {@link History#complete() incomplete}, and replaying it would
 * take the expired activities' points away without a reason. The stored lead still holds them, by rule.
 */
public final class AppliedHistory {
    private static final String MERGE_PREFIX = LedgerEntry.MERGE + "-";

    private final ScoreStore store;

    public AppliedHistory(ScoreStore store) {
        this.store = store;
    }

    /**
     * A lead's applied activities as read back.
     *
     * @param complete false when fewer are still recorded than the lead applied: the others have expired
     */
    public record History(List<Activity> activities, boolean complete) {
        public History {
            activities = List.copyOf(activities);
        }
    }

    /** The applied activities of a lead as stored (not a merged visitor: its history is its lead's). */
    public History of(Lead lead) {
        List<String> visitors = lead.mergedVisitors();
        List<Activity> recorded = new ArrayList<>(store.recorded(lead.id(), !visitors.isEmpty()));
        visitors.forEach(visitor -> recorded.addAll(store.recorded(visitor, true)));
        boolean everyVisitorListed = visitors.size() < Lead.MAX_MERGED_VISITORS;
        // Activities expire oldest first: with its first one gone, an activity not applied yet could make up the count.
        boolean firstStillRecorded = lead.firstSeenAt() == null
                || recorded.stream().anyMatch(activity -> activity.occurredAt().equals(lead.firstSeenAt()));
        if (recorded.size() == lead.appliedActivities() && everyVisitorListed && firstStillRecorded) {
            return new History(recorded, true);
        }
        List<Activity> applied = fromLedgers(lead);
        // As many as counted, or more: a lead stored before the count existed counts none.
        return new History(applied, applied.size() >= lead.appliedActivities());
    }

    private List<Activity> fromLedgers(Lead lead) {
        Set<String> applied = new HashSet<>();
        Set<String> visitors = new LinkedHashSet<>(lead.mergedVisitors());
        for (LedgerEntry entry : store.ledger(lead.id())) {
            if (LedgerEntry.EVENT.equals(entry.reason())) {
                applied.add(entry.eventId());
            } else if (LedgerEntry.MERGE.equals(entry.reason()) && entry.eventId().startsWith(MERGE_PREFIX)) {
                visitors.add(entry.eventId().substring(MERGE_PREFIX.length()));
            }
        }
        List<Activity> history = new ArrayList<>(store.recorded(lead.id(), true).stream()
                .filter(activity -> applied.contains(activity.eventId())).toList());
        for (String visitor : visitors) {
            // Applied by the visitor before it merged (its own ledger), or by the lead since (the lead's).
            Set<String> appliedToEither = new HashSet<>(applied);
            store.ledger(visitor).stream().filter(entry -> LedgerEntry.EVENT.equals(entry.reason()))
                    .forEach(entry -> appliedToEither.add(entry.eventId()));
            store.recorded(visitor, true).stream().filter(activity -> appliedToEither.contains(activity.eventId()))
                    .forEach(history::add);
        }
        return history;
    }
}
