package io.leadscore.scoring;

import io.leadscore.account.AccountScorer;
import io.leadscore.lead.Lead;
import io.leadscore.lead.Scored;
import io.leadscore.model.ScoringModel;
import io.leadscore.prediction.RevisionLikelihood;
import io.leadscore.revision.Rescorer;
import io.leadscore.scoring.ScoreTransaction.Change;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Re-scoring a lead exactly once under a newly published revision, while live scoring goes on: the lead is replayed
 * from its {@link AppliedHistory applied history} ({@link Rescorer#rescore}), and written, if anything changed, in one
 * {@link ScoreTransaction}: the lead guarded by the revision it was read at, its {@code model-change} ledger entry
 * guarded by "not stored yet", its account's share, and the crossings (when announced).
 *
 * <p>Why it is exactly once: a lead re-scored already replays to itself, and an unchanged lead is not written, so a
 * worker that runs a lead again (killed, redelivered) changes nothing. A live event applied between the read and the
 * write moves the lead's revision, the write is refused, and the lead is read and replayed again with that event in
 * its history. An activity recorded but not yet applied is left out of the history; the score function applies it
 * afterwards, under the new revision, since the re-score starts only once no batch runs under the old one.
 */
public final class RescoreRun {

    /** What re-scoring did to a lead. */
    public enum Outcome {
        /** Written: the replay differs from the stored lead, or its likelihood is not the new revision's. */
        CHANGED,
        /** Replays to itself: nothing written. */
        UNCHANGED,
        /** Not there, or a visitor merged into another lead since: its history is that lead's now. */
        SKIPPED,
        /**
         * Part of its history has expired (retention): kept as stored, points by rule and all, since what remains
         * cannot replay it; the new revision scores its next events.
         */
        HISTORY_EXPIRED
    }

    private final ScoreStore store;
    private final Rescorer rescorer;
    private final AccountScorer accountScorer;
    private final RevisionLikelihood likelihood;
    private final AppliedHistory history;
    private final Clock clock;
    private final boolean announce;

    /**
     * @param announce false: crossings are not announced, neither the lead's nor its account's; the qualification
     *                 states are still set as the new revision says, so a lead is not announced later either
     */
    public RescoreRun(ScoreStore store, ScoringModel model, Clock clock, boolean announce) {
        this.store = store;
        this.rescorer = new Rescorer(model);
        this.accountScorer = new AccountScorer(model);
        this.likelihood = new RevisionLikelihood(model);
        this.history = new AppliedHistory(store);
        this.clock = clock;
        this.announce = announce;
    }

    public Outcome rescore(String leadId) {
        return rescore(leadId, store.lead(leadId).orElse(null));
    }

    /**
     * Re-scores the lead starting from its state as read by the caller (null: absent), which may be stale: a stale
     * state's write is refused and the lead read again.
     */
    public Outcome rescore(String leadId, Lead read) {
        Lead lead = read;
        for (int attempts = 1; ; attempts++) {
            if (lead == null || lead.mergedInto() != null) {
                return Outcome.SKIPPED;
            }
            AppliedHistory.History applied = history.of(lead);
            if (!applied.complete()) {
                return Outcome.HISTORY_EXPIRED;
            }
            Instant now = clock.instant();
            Optional<Scored> rescored = rescorer.rescore(lead, applied.activities(), now, announce);
            if (rescored.isEmpty() && !likelihood.isStale(lead)) {
                return Outcome.UNCHANGED;
            }
            try {
                store.write(transaction(lead, rescored.orElse(null), now));
                return Outcome.CHANGED;
            } catch (ScoreStore.Conflict conflict) {
                if (attempts >= ScoringRun.MAX_ATTEMPTS) {
                    throw conflict;
                }
                ScoringRun.backOff(attempts);
                lead = store.lead(leadId).orElse(null);
            }
        }
    }

    /** {@code rescored} null: the score replays to itself, and only the likelihood is the new revision's. */
    private ScoreTransaction transaction(Lead lead, Scored rescored, Instant now) {
        Change change = rescored == null ? Change.of(lead)
                : new Change(lead, rescored.lead(), List.of(rescored.entry()), rescored.crossings(), 0);
        ScoreTransaction planned = ScoreTransaction.plan(List.of(change), accountScorer, likelihood, new HashMap<>(),
                store, now);
        return announce ? planned : planned.unannounced();
    }
}
