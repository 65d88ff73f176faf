package io.leadscore.lead;

import io.leadscore.model.DecayPolicy;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What inactivity does to a lead: each decay scope (the total, and every group with a policy) loses a share
 * of its score per period once the grace period has passed without a score increase, down to its floor and
 * never below; and a lead with no score increase for the cold period goes cold, once per cold spell. Every
 * step is dated by when it was due, not by when a sweep got to it, and named after that date: a sweep that
 * runs twice, or late, takes the same steps.
 */
public final class LeadDecay {
    public static final String TOTAL = "total";
    /** A lead overdue for years still catches up in one write, and a broken policy cannot loop forever. */
    static final int MAX_STEPS = 1000;

    private final ScoringModel model;
    private final ThresholdWatch thresholds;

    public LeadDecay(ScoringModel model) {
        this.model = model;
        this.thresholds = new ThresholdWatch(model);
    }

    public ScoringModel model() {
        return model;
    }

    /** A lead after a sweep: the steps it took (ledger entries) and what they announce. */
    public record Swept(Lead lead, List<LedgerEntry> entries, List<Crossing> crossings) {
        public boolean changed() {
            return !entries.isEmpty();
        }
    }

    private record Scope(String id, ScoreGroup group, DecayPolicy policy) {
        String tally() {
            return group == null ? "decay" : "decay:" + group.id();
        }
    }

    private record Due(Instant at, Scope scope) {
        boolean isCold() {
            return scope == null;
        }
    }

    /** When the next step is due, or null when nothing can happen until the lead engages again. */
    public Instant nextDueAt(Lead lead) {
        return next(lead).map(Due::at).orElse(null);
    }

    /** Every step due by {@code now}, in order. */
    public Swept sweep(Lead lead, Instant now) {
        List<LedgerEntry> entries = new ArrayList<>();
        List<Crossing> crossings = new ArrayList<>();
        Lead current = lead;
        for (int i = 0; i < MAX_STEPS; i++) {
            Optional<Due> due = next(current).filter(d -> !d.at().isAfter(now));
            if (due.isEmpty()) {
                break;
            }
            Scored step = due.get().isCold() ? goCold(current, due.get().at(), now)
                    : decay(current, due.get(), now);
            entries.add(step.entry());
            crossings.addAll(step.crossings());
            current = step.lead();
        }
        return new Swept(current.withNextDueAt(nextDueAt(current)), entries, crossings);
    }

    private Optional<Due> next(Lead lead) {
        if (lead.lastScoreIncreaseAt() == null) {
            return Optional.empty(); // never engaged: nothing to fade, and not cold either
        }
        List<Due> due = new ArrayList<>();
        for (Scope scope : scopes()) {
            if (step(lead, scope) > 0) {
                Instant graceEnds = lead.lastScoreIncreaseAt().plus(scope.policy().after());
                Instant last = lead.decayedAt().get(scope.id());
                due.add(new Due(last == null || last.isBefore(graceEnds) ? graceEnds : last.plus(scope.policy().every()),
                        scope));
            }
        }
        if (model.coldAfter() != null && !lead.isCold()) {
            due.add(new Due(lead.lastScoreIncreaseAt().plus(model.coldAfter()), null));
        }
        return due.stream().min(Comparator.comparing(Due::at).thenComparing(d -> d.isCold() ? "" : d.scope().id()));
    }

    private List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>();
        if (model.decay() != null) {
            scopes.add(new Scope(TOTAL, null, model.decay()));
        }
        model.groups().values().stream().filter(g -> g.decay() != null)
                .forEach(g -> scopes.add(new Scope(g.id(), g, g.decay())));
        return scopes;
    }

    private int step(Lead lead, Scope scope) {
        if (scope.group() == null) {
            // The floor's share of sales-ready is of the lead's market's sales-ready, where it has its own.
            int salesReady = model.salesReady(model.market(lead.profile()).orElse(null)).map(t -> t.points()).orElse(0);
            return scope.policy().step(lead.score(), lead.engagement(), scope.policy().floor().of(salesReady));
        }
        String group = scope.group().id();
        return scope.policy().step(lead.groups().getOrDefault(group, 0), lead.engagementInGroup(group),
                scope.policy().floor().of(scope.group().salesReadyPoints()));
    }

    private Scored decay(Lead lead, Due due, Instant now) {
        Scope scope = due.scope();
        int points = -step(lead, scope);
        String group = scope.group() == null ? null : scope.group().id();
        Map<String, RuleTally> breakdown = new HashMap<>(lead.breakdown());
        breakdown.merge(scope.tally(), new RuleTally(ScoreKind.DECAY, group, points, 1, due.at()),
                (old, fresh) -> old.add(fresh.points(), due.at()));
        Map<String, Instant> decayedAt = new HashMap<>(lead.decayedAt());
        decayedAt.put(scope.id(), due.at());
        Lead decayed = lead.toBuilder().breakdown(breakdown).model(model.tag()).decayedAt(decayedAt).nextDueAt(null)
                .build();
        String eventId = "decay-" + scope.id() + "-" + due.at().getEpochSecond();
        ThresholdWatch.Watched watched = thresholds.watch(decayed, due.at(), eventId);
        Lead next = decayed.withQualifications(watched.qualifications());
        Contribution line = new Contribution(scope.tally(), ScoreKind.DECAY, group, points, describe(scope.policy()));
        LedgerEntry entry = new LedgerEntry(lead.id(), LedgerEntry.DECAY, eventId, LedgerEntry.DECAY, due.at(), now,
                List.of(line), next.score() - lead.score(), next.score(), model.tag());
        return new Scored(next, entry, watched.crossings());
    }

    private Scored goCold(Lead lead, Instant at, Instant now) {
        Lead cold = lead.toBuilder().coldSince(at).nextDueAt(null).build();
        String eventId = "cold-" + at.getEpochSecond();
        LedgerEntry entry = new LedgerEntry(lead.id(), LedgerEntry.COLD, eventId, LedgerEntry.COLD, at, now,
                List.of(), 0, cold.score(), model.tag());
        return new Scored(cold, entry, List.of(thresholds.wentCold(cold, eventId)));
    }

    private static String describe(DecayPolicy policy) {
        String by = policy.points() != null ? policy.points() + " points" : policy.percent().toPlainString() + "%";
        return "-" + by + " every " + span(policy.every()) + " after " + span(policy.after())
                + " without a score increase";
    }

    private static String span(java.time.Duration duration) {
        return duration.toHours() % 24 == 0 ? duration.toDays() + "d" : duration.toHours() + "h";
    }
}
