package io.leadscore.revision;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadDecay;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Scored;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.model.ScoringModel;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Re-scoring a lead's recorded history under a revision. Pure: what publishing a model does to each lead, and what
 * a backtest replays, without a store. A lead is always re-scored from its history, never adjusted from its current
 * state, so old tallies of a changed rule cannot linger and a new fit rule reaches leads whose profile never
 * changes again.
 */
public final class Rescorer {
    /** The order a lead's history is replayed in: when it happened, ties broken by the stable event id. */
    static final Comparator<Activity> TIME_ORDER = Comparator.comparing(Activity::occurredAt)
            .thenComparing(Activity::eventId);
    private static final Comparator<Feedback> VERDICT_ORDER = Comparator.comparing(Feedback::at)
            .thenComparing(Feedback::feedbackId);

    private final LeadScorer scorer;
    private final LeadDecay decay;

    public Rescorer(ScoringModel model) {
        this.scorer = new LeadScorer(model);
        this.decay = scorer.decay();
    }

    public ScoringModel model() {
        return scorer.model();
    }

    /**
     * The lead its history makes under this model, from a new lead: {@code history} (the lead's own activities and
     * those of the visitors merged into it, all as the lead's) and its CRM {@code verdicts} applied in time order
     * (occurredAt, then eventId; a verdict after the activities of its instant), with the decay steps due between them
     * and up to {@code now} (LeadDecay.sweep before each and at the end). Verdicts are facts, their points the
     * model's: a {@code recycled} resets the engagement of the activities before it, not of those after. An activity
     * or verdict read twice is applied once, as the ledger would have it.
     */
    public Lead replay(String leadId, List<Activity> history, List<Feedback> verdicts, Instant now) {
        return replayed(leadId, history, verdicts, now, false).lead();
    }

    /**
     * A lead replayed, what it announced on the way (a backtest counts those crossings per week), and the ledger entry
     * each activity's application made, by event id (what an import writes for the activities it adds).
     */
    public record Replayed(Lead lead, List<Crossing> crossings, Map<String, LedgerEntry> applications) {
    }

    /** As {@link #replay}, with what happened on the way. */
    public Replayed replayed(String leadId, List<Activity> history, List<Feedback> verdicts, Instant now) {
        return replayed(leadId, history, verdicts, now, true);
    }

    /** A change of score on the way ({@link #traced}): {@code step} a decay, cold or expiry step, due at its instant. */
    public record Change(Instant at, int score, boolean step) {
    }

    /**
     * A lead's history read at moments, for training: the lead at each moment and every change of its score.
     *
     * @param atMoments per moment asked for, the lead that {@link #replay} of the activities and verdicts before it
     *                  gives with the moment as {@code now}
     * @param changes   the score after each activity, verdict and step up to {@code end}, in time order
     */
    public record Traced(List<Lead> atMoments, List<Change> changes) {
    }

    /**
     * As {@link #replay}, read at every one of {@code moments} (ascending, none after {@code end}) in one pass: the
     * state at a moment is the one the pass has reached there, swept to the moment and not kept, so a history of n
     * events read at k moments costs n + k steps, not a replay of each prefix.
     */
    public Traced traced(String leadId, List<Activity> history, List<Feedback> verdicts, List<Instant> moments,
                         Instant end) {
        Trace trace = new Trace(moments);
        replayed(leadId, history, verdicts, end, false, trace);
        return new Traced(trace.leads, trace.changes);
    }

    /** {@code ledger} false: the applications are not asked for, so the activities' entries are not built. */
    private Replayed replayed(String leadId, List<Activity> history, List<Feedback> verdicts, Instant now,
                              boolean ledger) {
        return replayed(leadId, history, verdicts, now, ledger, null);
    }

    /** {@code trace} null: nothing is read on the way. */
    private Replayed replayed(String leadId, List<Activity> history, List<Feedback> verdicts, Instant now,
                              boolean ledger, Trace trace) {
        // Activities are applied to one mutable state (LeadScorer.Replay); a Lead is built only where a verdict or a
        // due decay step needs one, and once at the end.
        LeadScorer.Replay replay = replay(Lead.newLead(leadId), ledger);
        List<Crossing> crossings = new ArrayList<>();
        Map<String, LedgerEntry> applications = new HashMap<>();
        Set<String> applied = new HashSet<>();
        Deque<Feedback> pending = new ArrayDeque<>(verdicts.stream().sorted(VERDICT_ORDER).toList());
        List<Activity> ordered = new ArrayList<>(history);
        ordered.sort(TIME_ORDER);
        for (Activity activity : ordered) {
            if (!pending.isEmpty() && pending.peek().at().isBefore(activity.occurredAt())) {
                Lead lead = replay.lead();
                while (!pending.isEmpty() && pending.peek().at().isBefore(activity.occurredAt())) {
                    lead = verdict(lead, pending.poll(), applied, crossings, now, trace);
                }
                replay = replay(lead, ledger);
            }
            if (trace != null) {
                trace.upTo(activity.occurredAt(), replay::lead);
            }
            if (applied.add(activity.eventId())) {
                // A sweep with nothing due gives the lead back as it is.
                if (replay.dueBy(activity.occurredAt())) {
                    LeadDecay.Swept swept = decay.sweep(replay.lead(), activity.occurredAt());
                    crossings.addAll(swept.crossings());
                    replay = replay(swept.lead(), ledger);
                    if (trace != null) {
                        trace.stepped(swept);
                    }
                }
                LeadScorer.Applied scored = replay.apply(activity, now);
                crossings.addAll(scored.crossings());
                if (ledger) {
                    applications.put(activity.eventId(), scored.entry());
                }
                if (trace != null) {
                    trace.changes.add(new Change(activity.occurredAt(), replay.score(), false));
                }
            }
        }
        Lead lead = replay.lead();
        while (!pending.isEmpty()) {
            lead = verdict(lead, pending.poll(), applied, crossings, now, trace);
        }
        if (trace != null) {
            Lead reached = lead;
            trace.upTo(now, () -> reached);
        }
        LeadDecay.Swept swept = decay.sweep(lead, now);
        crossings.addAll(swept.crossings());
        if (trace != null) {
            trace.stepped(swept);
        }
        return new Replayed(swept.lead(), crossings, applications);
    }

    /** What {@link #traced} collects on the pass. */
    private final class Trace {
        private final List<Instant> moments;
        private int next;
        private final List<Lead> leads = new ArrayList<>();
        private final List<Change> changes = new ArrayList<>();

        Trace(List<Instant> moments) {
            this.moments = moments;
        }

        /** The lead at each moment not read yet up to {@code at}, before what happens at {@code at}. */
        void upTo(Instant at, Supplier<Lead> reached) {
            if (next == moments.size() || moments.get(next).isAfter(at)) {
                return;
            }
            Lead lead = reached.get();
            for (; next < moments.size() && !moments.get(next).isAfter(at); next++) {
                leads.add(decay.sweep(lead, moments.get(next)).lead());
            }
        }

        void stepped(LeadDecay.Swept swept) {
            swept.entries().forEach(entry -> changes.add(new Change(entry.occurredAt(), entry.scoreAfter(), true)));
        }
    }

    private LeadScorer.Replay replay(Lead lead, boolean ledger) {
        return ledger ? scorer.replay(lead) : scorer.replayWithoutLedger(lead);
    }

    private Lead verdict(Lead lead, Feedback verdict, Set<String> applied, List<Crossing> crossings, Instant now,
                         Trace trace) {
        if (trace != null) {
            trace.upTo(verdict.at(), () -> lead);
        }
        if (!applied.add(verdict.ledgerEventId())) {
            return lead;
        }
        LeadDecay.Swept swept = decay.sweep(lead, verdict.at());
        crossings.addAll(swept.crossings());
        Scored scored = scorer.feedback(swept.lead(), verdict, now);
        crossings.addAll(scored.crossings());
        if (trace != null) {
            trace.stepped(swept);
            trace.changes.add(new Change(verdict.at(), scored.lead().score(), false));
        }
        return scored.lead();
    }

    /**
     * What publishing this model does to a stored lead, its {@code history} replayed with the verdicts it remembers
     * ({@link Lead#verdicts()}): empty when the replay gives the stored lead back (everything
     * but the write count and the model's name equal: scores, profile, qualifications-to-be, cold state, and the
     * decay schedule, whose due time the sweep index is keyed on): an unchanged lead costs no write. Otherwise the
     * replayed lead with the stored lead's revision, merge links and qualification cycles carried over, its
     * thresholds watched from the stored qualification states, one {@code model-change} ledger entry, and the
     * crossings that result ({@link LeadScorer#remodel}).
     *
     * @param announce false: the qualification states are set as the replay says but no crossing is returned,
     *                 so that a model change does not flood sales with notifications
     */
    public Optional<Scored> rescore(Lead stored, List<Activity> history, Instant now, boolean announce) {
        Scored remodeled = scorer.remodel(stored, replay(stored.id(), history, stored.verdicts(), now), now);
        if (remodeled.lead().toBuilder().model(stored.model()).build().equals(stored)) {
            return Optional.empty();
        }
        return Optional.of(announce ? remodeled : new Scored(remodeled.lead(), remodeled.entry(), List.of()));
    }
}
