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

    /** {@code ledger} false: the applications are not asked for, so the activities' entries are not built. */
    private Replayed replayed(String leadId, List<Activity> history, List<Feedback> verdicts, Instant now,
                              boolean ledger) {
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
                    lead = verdict(lead, pending.poll(), applied, crossings, now);
                }
                replay = replay(lead, ledger);
            }
            if (applied.add(activity.eventId())) {
                // A sweep with nothing due gives the lead back as it is.
                if (replay.dueBy(activity.occurredAt())) {
                    LeadDecay.Swept swept = decay.sweep(replay.lead(), activity.occurredAt());
                    crossings.addAll(swept.crossings());
                    replay = replay(swept.lead(), ledger);
                }
                LeadScorer.Applied scored = replay.apply(activity, now);
                crossings.addAll(scored.crossings());
                if (ledger) {
                    applications.put(activity.eventId(), scored.entry());
                }
            }
        }
        Lead lead = replay.lead();
        while (!pending.isEmpty()) {
            lead = verdict(lead, pending.poll(), applied, crossings, now);
        }
        LeadDecay.Swept swept = decay.sweep(lead, now);
        crossings.addAll(swept.crossings());
        return new Replayed(swept.lead(), crossings, applications);
    }

    private LeadScorer.Replay replay(Lead lead, boolean ledger) {
        return ledger ? scorer.replay(lead) : scorer.replayWithoutLedger(lead);
    }

    private Lead verdict(Lead lead, Feedback verdict, Set<String> applied, List<Crossing> crossings, Instant now) {
        if (!applied.add(verdict.ledgerEventId())) {
            return lead;
        }
        LeadDecay.Swept swept = decay.sweep(lead, verdict.at());
        crossings.addAll(swept.crossings());
        Scored scored = scorer.feedback(swept.lead(), verdict, now);
        crossings.addAll(scored.crossings());
        return scored.lead();
    }

    /**
     * What publishing this model does to a stored lead, its {@code history} replayed with the verdicts it remembers
     * ({@link Lead#verdicts()}): empty when the replay gives the stored lead back (everything
     * but the write count, the model's name and the likelihood, which the scoring transaction sets, equal: scores,
     * profile, qualifications-to-be, cold state, and the
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
        if (remodeled.lead().toBuilder().model(stored.model()).likelihood(stored.likelihood()).build().equals(stored)) {
            return Optional.empty();
        }
        return Optional.of(announce ? remodeled : new Scored(remodeled.lead(), remodeled.entry(), List.of()));
    }
}
