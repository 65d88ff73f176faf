package io.leadscore.scoring;

import io.leadscore.account.AccountScorer;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Contribution;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Scored;
import io.leadscore.model.ScoringModel;
import io.leadscore.prediction.RevisionLikelihood;
import io.leadscore.revision.Rescorer;
import io.leadscore.scoring.ScoreTransaction.Change;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Applying imported history to a lead exactly once and in time order, whatever order it was imported in.
 *
 * <p>Imported activities are recorded apart from live ones (the score function's stream filter leaves them out), so
 * none is applied one by one on top of a lead that has seen later events. Instead the lead is replayed from its whole
 * history, the activities it applied and the imported ones it has not ({@link Rescorer#replayed}: decay steps between
 * events and up to now, cold state, expiring points), and written in one {@link ScoreTransaction}: the lead guarded by
 * the revision it was read at, an {@code event} ledger entry per imported activity guarded by "not stored yet" (so
 * that {@link AppliedHistory}, and with it a later publish's re-score and backtests, counts it as applied), and one
 * {@code history} entry with what the replay changed beyond those entries, so that the ledger still adds up to the
 * score. A lead with more imported activities pending than one transaction holds takes them oldest first, in rounds,
 * each round a replay of everything applied so far.
 *
 * <p>Why the order of arrival cannot matter: every write is a replay of the whole applied history, and any writer that
 * got there first (another batch of the same import, a retry, the live stream, a publish's re-score) moves the
 * revision or stores an entry first, so the write is refused, the lead read again and replayed with what that writer
 * added. A lead with nothing pending is not written, so a repeated batch changes nothing.
 */
public final class HistoryRun {
    /** Imported activities applied in one transaction: with the lead, its history entry, accounts and counters. */
    static final int MAX_ACTIVITIES_PER_WRITE = 80;
    private static final Comparator<Activity> TIME_ORDER = Comparator.comparing(Activity::occurredAt)
            .thenComparing(Activity::eventId);

    private final ScoreStore store;
    private final Function<String, List<Activity>> imported;
    private final Rescorer rescorer;
    private final LeadScorer scorer;
    private final AccountScorer accountScorer;
    private final RevisionLikelihood likelihood;
    private final AppliedHistory history;
    private final Clock clock;
    private final boolean announce;

    /** What applying a lead's imported history did. */
    public enum Outcome {
        /** Imported activities were applied: the lead is its whole history replayed. */
        CHANGED,
        /** Nothing imported was pending: applied before (a repeated batch), or nothing imported for it. */
        UNCHANGED,
        /**
         * Part of its applied history has expired (retention): what remains cannot replay it, so the imported
         * activities stay recorded and unapplied, as {@link RescoreRun} leaves such a lead.
         */
        HISTORY_EXPIRED
    }

    /**
     * @param imported the activities recorded by imports for a lead (its id), applied or not
     * @param announce false: crossings are not announced (a lead's or its account's), the qualification states
     *                 still set, as a publish without announcing does
     */
    public HistoryRun(ScoreStore store, Function<String, List<Activity>> imported, ScoringModel model, Clock clock,
                      boolean announce) {
        this.store = store;
        this.imported = imported;
        this.rescorer = new Rescorer(model);
        this.scorer = new LeadScorer(model);
        this.accountScorer = new AccountScorer(model);
        this.likelihood = new RevisionLikelihood(model);
        this.history = new AppliedHistory(store);
        this.clock = clock;
        this.announce = announce;
    }

    /** Applies what was imported for the lead and is not applied yet; a visitor merged since is its lead's history. */
    public Outcome apply(String leadId) {
        Outcome outcome = Outcome.UNCHANGED;
        String id = leadId;
        for (int attempts = 1; ; ) {
            Lead stored = store.lead(id).orElse(null);
            if (stored != null && stored.mergedInto() != null) {
                id = stored.mergedInto();
                continue;
            }
            AppliedHistory.History applied = stored == null ? new AppliedHistory.History(List.of(), true)
                    : history.of(stored);
            if (!applied.complete()) {
                return Outcome.HISTORY_EXPIRED;
            }
            Lead lead = stored != null ? stored : Lead.newLead(id);
            List<Activity> pending = pending(lead, applied.activities());
            if (pending.isEmpty()) {
                return outcome;
            }
            try {
                store.write(transaction(lead, applied.activities(), pending));
                outcome = Outcome.CHANGED;
                attempts = 1;
            } catch (ScoreStore.Conflict conflict) {
                if (++attempts > ScoringRun.MAX_ATTEMPTS) {
                    throw conflict;
                }
                ScoringRun.backOff(attempts);
            }
        }
    }

    /** The oldest imported activities of the lead and its merged visitors not applied yet, as many as a write takes. */
    private List<Activity> pending(Lead lead, List<Activity> applied) {
        Set<String> done = applied.stream().map(Activity::eventId).collect(Collectors.toSet());
        return Stream.concat(Stream.of(lead.id()), lead.mergedVisitors().stream())
                .flatMap(id -> imported.apply(id).stream())
                .filter(activity -> !done.contains(activity.eventId()))
                .sorted(TIME_ORDER).limit(MAX_ACTIVITIES_PER_WRITE).toList();
    }

    private ScoreTransaction transaction(Lead lead, List<Activity> applied, List<Activity> pending) {
        Instant now = clock.instant();
        List<Activity> whole = new ArrayList<>(applied);
        whole.addAll(pending);
        Rescorer.Replayed replayed = rescorer.replayed(lead.id(), whole, lead.verdicts(), now);
        Scored reconciled = scorer.reconcile(lead, replayed.lead(), now, LedgerEntry.HISTORY,
                LedgerEntry.HISTORY + "-" + pending.get(0).eventId());
        List<LedgerEntry> entries = new ArrayList<>(pending.stream()
                .map(activity -> replayed.applications().get(activity.eventId())).toList());
        entries.add(beyond(reconciled.entry(), entries));
        Lead next = reconciled.lead().toBuilder().appliedActivities(lead.appliedActivities() + pending.size()).build();
        Change change = new Change(lead, next, entries, announce ? reconciled.crossings() : List.of(), pending.size());
        ScoreTransaction planned = ScoreTransaction.plan(List.of(change), accountScorer, likelihood, new HashMap<>(),
                store, now);
        return announce ? planned : planned.unannounced();
    }

    /**
     * The history entry: the replay's change by rule, less what the imported events' own entries say, so that the
     * ledger adds up to the score (what is left is decay and caps that the new order moved).
     */
    private static LedgerEntry beyond(LedgerEntry whole, List<LedgerEntry> events) {
        Map<String, Contribution> left = new LinkedHashMap<>();
        whole.contributions().forEach(moved -> left.put(moved.rule(), moved));
        events.forEach(entry -> entry.contributions().forEach(c -> left.merge(c.rule(),
                new Contribution(c.rule(), c.kind(), c.group(), -c.points(), null),
                (moved, explained) -> new Contribution(moved.rule(), moved.kind(), moved.group(),
                        moved.points() + explained.points(), moved.note()))));
        left.values().removeIf(contribution -> contribution.points() == 0);
        int change = whole.change() - events.stream().mapToInt(LedgerEntry::change).sum();
        return new LedgerEntry(whole.leadId(), whole.reason(), whole.eventId(), whole.eventType(), whole.occurredAt(),
                whole.recordedAt(), List.copyOf(left.values()), change, whole.scoreAfter(), whole.model());
    }
}
