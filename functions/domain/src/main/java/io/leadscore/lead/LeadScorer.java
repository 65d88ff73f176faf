package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.ActivityFields;
import io.leadscore.model.Market;
import io.leadscore.model.Rule;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;
import io.leadscore.nps.NpsAnswer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Applies a scoring model to a lead, one activity at a time. Pure: same lead, activity and model give the
 * same result, which is what makes a redelivered batch safe to recompute and a ledger replayable.
 */
public final class LeadScorer {
    private final ScoringModel model;
    private final ThresholdWatch thresholds;
    private final LeadDecay decay;

    public LeadScorer(ScoringModel model) {
        this.model = model;
        this.thresholds = new ThresholdWatch(model);
        this.decay = new LeadDecay(model);
    }

    /** Decay and cold, under the same model. */
    public LeadDecay decay() {
        return decay;
    }

    public ScoringModel model() {
        return model;
    }

    /** The lead after one activity: {@link Replay#apply} on a replay of one event. */
    public Scored apply(Lead lead, Activity activity, Instant now) {
        Replay replay = replay(lead);
        Applied applied = replay.apply(activity, now);
        return new Scored(replay.lead(), applied.entry(), applied.crossings());
    }

    /** A replay of events onto {@code lead}: its state is built once, changed per event, made a Lead once. */
    public Replay replay(Lead lead) {
        return new Replay(lead, true);
    }

    /**
     * {@link #replay} for a caller that keeps no ledger (a backtest, a re-score): the same lead and crossings, but
     * no ledger entry (null) and none of its contributions and notes built.
     */
    public Replay replayWithoutLedger(Lead lead) {
        return new Replay(lead, false);
    }

    /** What applying one activity wrote (null from a replay without a ledger) and announced. */
    public record Applied(LedgerEntry entry, List<Crossing> crossings) {
    }

    /**
     * One lead's activities applied in order to one mutable {@link ScoringState}: the per-event path. A Lead is built
     * when asked for ({@link #lead}) and only when a step needs one: a move to MQL. Not thread-safe: one per lead.
     */
    public final class Replay {
        private ScoringState state;
        private final boolean ledger;
        /**
         * Whether the market and the account id have been worked out from the profile under this model in this replay:
         * both follow the profile alone, so they are worked out again only when an event changes it.
         */
        private boolean profileRead;
        private Market market;
        /** Whether an activity has been applied: then the state's next due time is decay's answer for it. */
        private boolean settled;
        /**
         * The state's {@link ScoringState#moves} when its thresholds were last watched and its due time worked out; -1
         * before the first event on a state. Both read only the tallies, the profile and the clocks an engaging event
         * moves (which moves a tally too), so an event that moved neither a tally nor the profile (a capped hit, a page
         * no rule scores) leaves both as they are: a watch is a fixed point, since a threshold re-arms below a line at
         * or under the one it qualifies at ({@code rearmBelow <= points}, which the loader holds).
         */
        private int watchedAt = -1;

        private Replay(Lead lead, boolean ledger) {
            this.ledger = ledger;
            state = new ScoringState(model, lead, ledger);
        }

        /** The lead as the activities applied so far leave it. */
        public Lead lead() {
            return state.toLead();
        }

        /** The score the activities applied so far leave, without building a lead. */
        public int score() {
            return state.score();
        }

        /**
         * Whether decay or an expiry is due by {@code at}: then the caller sweeps {@link #lead()} (a rare step, done on
         * the immutable lead) and replays on from the result.
         */
        public boolean dueBy(Instant at) {
            Instant due = settled ? state.nextDueAt : decay.dueAt(state);
            return due != null && !due.isAfter(at);
        }

        /**
         * Whether points expire by {@code at}: then the caller takes them back on {@link #lead()} first
         * ({@link LeadDecay#expire}) and replays on from the result.
         */
        public boolean expiresBy(Instant at) {
            return !state.expiring.isEmpty() && !state.expiring.get(0).at().isAfter(at);
        }

        public Applied apply(Activity activity, Instant now) {
            ScoringState s = state;
            s.startStep();
            Instant at = activity.occurredAt();
            Map<String, Object> before = s.updateProfile(activity);
            Map<String, Object> profile = s.profile;
            if (before != null || !profileRead) {
                // The market of the profile the activity leaves: the one that says where the lead is now.
                market = model.market(profile).orElse(null);
                s.accountId = model.accounts().accountOf(profile).orElse(null);
                profileRead = true;
            }
            Market market = this.market;
            Function<String, Object> values = field -> field.startsWith(ActivityFields.PROFILE_PREFIX)
                    ? profile.get(field.substring(ActivityFields.PROFILE_PREFIX.length()))
                    : activity.property(field);
            for (Rule rule : model.rulesFor(activity.type())) {
                if (rule.matches(activity.type(), values)) {
                    s.score(rule, activity, market);
                }
            }
            for (Rule rule : model.patternRulesFor(activity.type())) {
                s.judge(rule, activity, values, market);
            }
            if (before != null) {
                s.refit(profile, before, at);
            }
            s.sumUp();
            // Inactivity is about behaviour: a profile update that raises fit does not count as engaging.
            boolean increased = s.engaged > 0;
            s.firstSeenAt = earliest(s.firstSeenAt, at);
            s.lastActivityAt = latest(s.lastActivityAt, at);
            if (increased) {
                s.lastScoreIncreaseAt = latest(s.lastScoreIncreaseAt, at);
                s.coldSince = null; // engaging again is what ends a cold spell
            }
            s.appliedActivities++;
            NpsAnswer answer = NpsAnswer.of(activity.type(), activity.property(NpsAnswer.SCORE_PROPERTY), at)
                    .orElse(null);
            if (answer != null) {
                s.nps = NpsAnswer.later(s.nps, answer);
            }
            s.modelTag = model.tag();
            List<Crossing> crossings = List.of();
            if (before != null || s.moves != watchedAt) {
                ThresholdWatch.Watched watched = thresholds.watch(s, market, at, activity.eventId());
                s.qualifications = watched.qualifications();
                crossings = watched.crossings();
                s.nextDueAt = decay.dueAt(s);
                watchedAt = s.moves;
            }
            settled = true;
            LedgerEntry entry = !ledger ? null : new LedgerEntry(s.id(), LedgerEntry.EVENT, activity.eventId(),
                    activity.type(), at, now, s.contributions, s.change, s.score(), model.tag());
            // An activity never moves the stage itself: reaching sales-ready from lead or recycled is an MQL.
            StageChange mql = thresholds.mql(s.base().stage(), crossings, at);
            if (mql != null) {
                Lead promoted = s.toLead().movedTo(mql);
                state = new ScoringState(model, promoted, ledger);
                watchedAt = -1;
                entry = entry == null ? null : entry.withStage(lastMove(promoted));
            }
            return new Applied(entry, crossings);
        }
    }

    /**
     * The lead with the history of the visitor it was before it identified itself: the visitor's behaviour
     * points, rule by rule, and its frequency-cap history (so caps count both), the profile fields the lead
     * lacks, and fit recomputed from the merged profile (fit is never summed: it describes the person once).
     * One ledger entry, {@code merge-<visitor id>}, says so; the caller retires the visitor in the same write.
     */
    public Scored merge(Lead lead, Lead visitor, Instant at, Instant now) {
        ScoringState step = new ScoringState(model, lead);
        visitor.breakdown().forEach((rule, tally) -> {
            if (tally.kind() != ScoreKind.FIT) {
                // A group's cap bounds the two histories together, as it bounds one.
                ScoreGroup group = tally.group() == null ? null : model.groups().get(tally.group());
                int points = group == null || group.cap() == null || tally.points() <= 0 ? tally.points()
                        : Math.min(tally.points(), Math.max(0,
                        group.cap() - Lead.engagementInGroup(step.breakdown, group.id())));
                step.breakdown.merge(rule, new RuleTally(tally.kind(), tally.group(), points, tally.hits(),
                        tally.lastAt()), RuleTally::plus);
                step.contribute(rule, tally.kind(), tally.group(), points, "merged from " + visitor.id());
            }
        });
        visitor.capHits().forEach((key, hits) -> step.capHits.merge(key, hits, (mine, theirs) ->
                Stream.concat(mine.stream(), theirs.stream()).sorted().toList()));
        visitor.journey().forEach((stage, interactions) -> step.journey.merge(stage, interactions, Integer::sum));
        visitor.patterns().forEach((rule, history) -> step.patterns.merge(rule, history, PatternHistory::plus));
        step.expiring.addAll(visitor.expiring()); // its points expire as they would have; the bound still holds
        step.bound();
        Map<String, Object> profile = new HashMap<>(visitor.profile());
        profile.putAll(lead.profile());
        step.refit(profile, lead.profile(), at);
        Instant increased = latest(lead.lastScoreIncreaseAt(), visitor.lastScoreIncreaseAt());
        Lead merged = step.changed(profile)
                .firstSeenAt(earliest(lead.firstSeenAt(), visitor.firstSeenAt()))
                .lastActivityAt(latest(lead.lastActivityAt(), visitor.lastActivityAt()))
                .lastScoreIncreaseAt(increased)
                .coldSince(Objects.equals(increased, lead.lastScoreIncreaseAt()) ? lead.coldSince() : null)
                .appliedActivities(lead.appliedActivities() + visitor.appliedActivities())
                .mergedVisitors(mergedVisitors(lead, visitor))
                .nps(NpsAnswer.later(visitor.nps(), lead.nps())) // the person's latest answer, whoever they were then
                .build();
        String eventId = "merge-" + visitor.id();
        // Dated just before the event that caused it, so the ledger reads in the order it was applied.
        return settle(merged, lead.stage(), at, eventId, next -> new LedgerEntry(lead.id(), LedgerEntry.MERGE, eventId,
                LedgerEntry.MERGE, at.minusMillis(1), now, step.contributions, next.score() - lead.score(),
                next.score(), model.tag()));
    }

    /**
     * A stored lead re-scored under this model: {@code replayed}, its recorded history (activities and verdicts)
     * replayed from a new lead, takes its place, keeping what history does not tell: the revision (the store's lock),
     * the merge links, the count of applied activities (the ledger still holds the same activities), the stage and its
     * history (the moves happened, whatever the model says now, though their interaction counts are the replay's where
     * it made the same move: see {@link #recounted}), and the qualification states, from
     * which the thresholds are watched. So a lead qualified before and still above the line is not announced again,
     * and one that qualifies anew continues its cycle ({@code salesReady/2}, never {@code /1} again). A lead the
     * change makes cold is announced as going cold. One ledger entry, {@code model-change-<tag>}, names each rule
     * whose points moved: the contribution is the difference, the note says old and new.
     */
    public Scored remodel(Lead stored, Lead replayed, Instant now) {
        return reconcile(stored, replayed, now, LedgerEntry.MODEL_CHANGE, LedgerEntry.MODEL_CHANGE + "-" + model.tag());
    }

    /**
     * {@link #remodel} for any cause of a replay: the entry has the given {@code reason} and {@code eventId}, which
     * also names the cause of the crossings (an import of history replays a lead under the same model).
     */
    public Scored reconcile(Lead stored, Lead replayed, Instant now, String reason, String eventId) {
        Lead carried = replayed.toBuilder().revision(stored.revision()).qualifications(stored.qualifications())
                .mergedInto(stored.mergedInto()).mergedVisitors(stored.mergedVisitors())
                .appliedActivities(stored.appliedActivities()).stage(stored.stage())
                .stageHistory(recounted(stored.stageHistory(), replayed.stageHistory())).build();
        ThresholdWatch.Watched watched = thresholds.watch(carried, now, eventId);
        Lead next = carried.withQualifications(watched.qualifications());
        List<Crossing> crossings = new ArrayList<>(watched.crossings());
        if (next.isCold() && !stored.isCold()) {
            crossings.add(thresholds.wentCold(next, eventId));
        }
        List<Contribution> moved = new ArrayList<>();
        Set<String> rules = new TreeSet<>(stored.breakdown().keySet());
        rules.addAll(next.breakdown().keySet());
        for (String rule : rules) {
            RuleTally was = stored.breakdown().get(rule);
            RuleTally is = next.breakdown().get(rule);
            int before = was == null ? 0 : was.points();
            int after = is == null ? 0 : is.points();
            if (before != after) {
                RuleTally named = is == null ? was : is;
                moved.add(new Contribution(rule, named.kind(), named.group(), after - before, before + " -> " + after));
            }
        }
        LedgerEntry entry = new LedgerEntry(stored.id(), reason, eventId, reason, now, now, moved,
                next.score() - stored.score(), next.score(), model.tag());
        return new Scored(next, entry, crossings);
    }

    /**
     * A CRM's verdict: the lead moves to the verdict's stage (the caller has checked that the move makes sense), and
     * the model's feedback rule for it, if any, scores like any rule ({@code feedback:lost}) or resets engagement,
     * keeping fit. One ledger entry, {@code feedback-<feedbackId>} dated when the CRM recorded it, says both, with the
     * rep and their reason.
     */
    public Scored feedback(Lead lead, Feedback feedback, Instant now) {
        ScoringState step = new ScoringState(model, lead);
        model.feedbackRule(feedback.type()).ifPresent(rule -> {
            if (rule.resetsEngagement()) {
                step.resetEngagement(rule);
            } else {
                step.breakdown.merge(rule.id(), new RuleTally(ScoreKind.ENGAGEMENT, null, rule.points(), 1,
                        feedback.at()), (old, fresh) -> old.add(fresh.points(), feedback.at()));
                step.contribute(rule.id(), ScoreKind.ENGAGEMENT, null, rule.points(), null);
            }
        });
        StageChange change = new StageChange(lead.stage(), feedback.type().stage(), feedback.at(), feedback.rep(),
                feedback.reason(), feedback.feedbackId());
        Lead changed = step.changed(lead.profile()).build().movedTo(change);
        int points = step.change;
        return settle(changed, lead.stage(), feedback.at(), feedback.ledgerEventId(), next -> new LedgerEntry(lead.id(),
                LedgerEntry.FEEDBACK, feedback.ledgerEventId(), feedback.type().label(), feedback.at(), now,
                step.contributions, points, next.score(), model.tag(), lastMove(changed)));
    }

    /**
     * The stored moves, each counted move (MQL, won) with the interactions the replay counted when it made the same
     * move (same stage, same instant, same verdict): so a model that tags its rules anew re-counts the leads that got
     * there before. A move the replay makes otherwise, or not at all, keeps what was counted when it happened.
     */
    private static List<StageChange> recounted(List<StageChange> stored, List<StageChange> replayed) {
        return stored.stream().map(change -> change.journey() == null && !StageChange.COUNTED.contains(change.to())
                ? change
                : replayed.stream().filter(again -> again.to() == change.to() && again.at().equals(change.at())
                                && Objects.equals(again.feedbackId(), change.feedbackId()))
                        .findFirst().map(again -> change.withJourney(again.journey())).orElse(change)).toList();
    }

    /**
     * The visitors whose recorded history is now the lead's: this one and any merged into it before, listed up to
     * {@link Lead#MAX_MERGED_VISITORS}.
     */
    private static List<String> mergedVisitors(Lead lead, Lead visitor) {
        return Stream.concat(lead.mergedVisitors().stream(),
                        Stream.concat(Stream.of(visitor.id()), visitor.mergedVisitors().stream()))
                .distinct().limit(Lead.MAX_MERGED_VISITORS).toList();
    }

    /**
     * A changed lead watched against its thresholds and given its next due time, with its ledger entry; {@code before}
     * is its stage before the change.
     */
    private Scored settle(Lead changed, Stage before, Instant at, String eventId, Function<Lead, LedgerEntry> entry) {
        ThresholdWatch.Watched watched = thresholds.watch(changed, at, eventId);
        Lead watchedLead = changed.withQualifications(watched.qualifications());
        Lead next = watchedLead.withNextDueAt(decay.nextDueAt(watchedLead));
        // A verdict's own move stands; otherwise reaching sales-ready from lead or recycled is an MQL.
        StageChange mql = changed.stage() == before ? thresholds.mql(next, watched.crossings(), at) : null;
        if (mql == null) {
            return new Scored(next, entry.apply(next), watched.crossings());
        }
        Lead promoted = next.movedTo(mql);
        return new Scored(promoted, entry.apply(promoted).withStage(lastMove(promoted)), watched.crossings());
    }

    /** The move just made, as the lead remembers it (interactions counted). */
    private static StageChange lastMove(Lead moved) {
        return moved.stageHistory().get(moved.stageHistory().size() - 1);
    }

    /** The earlier of two times, either of which may be unknown (null). */
    private static Instant earliest(Instant a, Instant b) {
        return a == null || b != null && b.isBefore(a) ? b : a;
    }

    /** The later of two times, either of which may be unknown (null): a visitor may never have earned a point. */
    private static Instant latest(Instant a, Instant b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }
}
