package io.leadscore.lead;

import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.DecayPolicy;
import io.leadscore.model.Market;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What time does to a lead: each decay scope (the total, and every group with a policy) loses a share
 * of its score per period once the grace period has passed without a score increase, down to its floor and
 * never below; a lead with no score increase for the cold period goes cold, once per cold spell; and points of
 * rules with {@code expires:} are taken back when they expire. Every step is dated by when it was due, not by when
 * a sweep got to it, and named after that date: a sweep that runs twice, or late, takes the same steps.
 *
 * <p>Expiry and decay are kept apart: an expiry takes back the rule's points as they were earned (never more than
 * the rule's tally still holds), and decay's own tally stays as it is, so the score stays the sum of its tallies.
 */
public final class LeadDecay {
    public static final String TOTAL = "total";
    /** A lead overdue for years still catches up in one write, and a broken policy cannot loop forever. */
    static final int MAX_STEPS = 1000;

    private final ScoringModel model;
    private final ThresholdWatch thresholds;
    private final List<Scope> scopes;
    /** The total's sales-ready points where the lead is in no market (the floor is a share of it). */
    private final int salesReady;

    public LeadDecay(ScoringModel model) {
        this.model = model;
        this.thresholds = new ThresholdWatch(model);
        this.scopes = scopes(model);
        this.salesReady = model.salesReady(null).map(Threshold::points).orElse(0);
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

    /** {@code salesReady}: a group's sales-ready points, of which its floor is a share (the total's depends on the market). */
    private record Scope(String id, ScoreGroup group, DecayPolicy policy, int salesReady) {
        String tally() {
            return group == null ? "decay" : "decay:" + group.id();
        }
    }

    /** A step due: going cold, an expiry, or a scope's decay; at one instant they are taken in that order. */
    private record Due(Instant at, Scope scope, boolean expiry) {
        boolean isCold() {
            return scope == null && !expiry;
        }

        int order() {
            return isCold() ? 0 : expiry ? 1 : 2;
        }
    }

    /** When the next step is due, or null when nothing can happen until the lead engages again. */
    public Instant nextDueAt(Lead lead) {
        return dueAt(lead);
    }

    /**
     * {@link #nextDueAt(Lead)} of a lead being replayed: the time of {@link #next}'s earliest step without making the
     * steps, since a replay asks after every event.
     */
    Instant dueAt(Standing lead) {
        Instant due = lead.expiring().isEmpty() ? null : lead.expiring().get(0).at();
        Instant increased = lead.lastScoreIncreaseAt();
        if (increased == null) {
            return due;
        }
        for (Scope scope : scopes) {
            if (decays(lead, scope)) {
                due = earlier(due, scopeDue(lead, scope, increased));
            }
        }
        if (model.coldAfter() != null && !lead.isCold()) {
            due = earlier(due, increased.plus(model.coldAfter()));
        }
        return due;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** When a scope whose step is not zero next decays: once its grace ends, then every period after the last. */
    private static Instant scopeDue(Standing lead, Scope scope, Instant increased) {
        Instant graceEnds = increased.plus(scope.policy().after());
        Instant last = lead.decayedAt().get(scope.id());
        return last == null || last.isBefore(graceEnds) ? graceEnds : last.plus(scope.policy().every());
    }

    /**
     * The expiries due by {@code until}, in order, and nothing else: what an event takes first when it comes after
     * some of its lead's points expired and before the sweep got to them, as a replay would.
     */
    public List<Scored> expire(Lead lead, Instant until, Instant now) {
        List<Scored> steps = new ArrayList<>();
        Lead current = lead;
        while (!current.expiring().isEmpty() && !current.expiring().get(0).at().isAfter(until)) {
            Scored step = expireAt(current, current.expiring().get(0).at(), now);
            steps.add(step);
            current = step.lead();
        }
        return steps;
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
                    : due.get().expiry() ? expireAt(current, due.get().at(), now)
                    : decay(current, due.get(), now);
            entries.add(step.entry());
            crossings.addAll(step.crossings());
            current = step.lead();
        }
        return new Swept(current.withNextDueAt(nextDueAt(current)), entries, crossings);
    }

    private Optional<Due> next(Standing lead) {
        // Points expire whatever else happens: a lead whose only points were negative has never engaged.
        Optional<Due> expiry = lead.expiring().stream().findFirst().map(e -> new Due(e.at(), null, true));
        if (lead.lastScoreIncreaseAt() == null) {
            return expiry; // never engaged: nothing to fade, and not cold either
        }
        List<Due> due = new ArrayList<>();
        expiry.ifPresent(due::add);
        for (Scope scope : scopes) {
            if (decays(lead, scope)) {
                due.add(new Due(scopeDue(lead, scope, lead.lastScoreIncreaseAt()), scope, false));
            }
        }
        if (model.coldAfter() != null && !lead.isCold()) {
            due.add(new Due(lead.lastScoreIncreaseAt().plus(model.coldAfter()), null, false));
        }
        return due.stream().min(Comparator.comparing(Due::at).thenComparingInt(Due::order)
                .thenComparing(d -> d.scope() == null ? "" : d.scope().id()));
    }

    private static List<Scope> scopes(ScoringModel model) {
        List<Scope> scopes = new ArrayList<>();
        if (model.decay() != null) {
            scopes.add(new Scope(TOTAL, null, model.decay(), 0));
        }
        model.groups().values().stream().filter(g -> g.decay() != null)
                .forEach(g -> scopes.add(new Scope(g.id(), g, g.decay(), g.salesReadyPoints())));
        return List.copyOf(scopes);
    }

    private int step(Standing lead, Scope scope) {
        return scope.policy().step(score(lead, scope), engagement(lead, scope), floor(lead, scope));
    }

    /** Whether the scope's {@link #step} is not zero: whether it decays at all once due. */
    private boolean decays(Standing lead, Scope scope) {
        return scope.policy().takes(score(lead, scope), engagement(lead, scope), floor(lead, scope));
    }

    /** The score the scope decays: the lead's, or its group's. */
    private static int score(Standing lead, Scope scope) {
        return scope.group() == null ? lead.score() : lead.groupScore(scope.group().id());
    }

    /** The behaviour points still standing in that score: all that decay may take. */
    private static int engagement(Standing lead, Scope scope) {
        return scope.group() == null ? lead.engagement() : lead.engagementInGroup(scope.group().id());
    }

    private int floor(Standing lead, Scope scope) {
        if (scope.group() != null) {
            return scope.policy().floor().of(scope.salesReady());
        }
        // The floor's share of sales-ready is of the lead's market's sales-ready, where it has its own.
        Market market = model.markets().isEmpty() ? null : model.market(lead.profile()).orElse(null);
        int points = market == null ? salesReady : model.salesReady(market).map(Threshold::points).orElse(0);
        return scope.policy().floor().of(points);
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

    /**
     * The grants due {@code at} taken back: one {@code expiry} entry dated then, one contribution per rule, its
     * thresholds watched (a lead that falls below the re-arm line re-arms).
     */
    private Scored expireAt(Lead lead, Instant at, Instant now) {
        List<Expiring> due = lead.expiring().stream().filter(e -> e.at().equals(at)).toList();
        Map<String, RuleTally> breakdown = new HashMap<>(lead.breakdown());
        Map<String, Contribution> lines = new TreeMap<>();
        for (Expiring grant : due) {
            int taken = grant.takenFrom(breakdown.get(grant.rule()));
            if (taken != 0) {
                breakdown.put(grant.rule(), breakdown.get(grant.rule()).less(taken));
            }
            lines.merge(grant.rule(), new Contribution(grant.rule(), ScoreKind.ENGAGEMENT, grant.group(), -taken,
                    grant.note()), (a, b) -> new Contribution(a.rule(), a.kind(), a.group(), a.points() + b.points(),
                    a.note()));
        }
        List<Expiring> left = new ArrayList<>(lead.expiring());
        left.removeAll(due);
        Lead expired = lead.toBuilder().breakdown(breakdown).expiring(left).model(model.tag()).nextDueAt(null).build();
        String eventId = LedgerEntry.EXPIRY + "-" + due.get(0).event();
        ThresholdWatch.Watched watched = thresholds.watch(expired, at, eventId);
        Lead next = expired.withQualifications(watched.qualifications());
        // A negative grant expiring raises the score, and may reach sales-ready: an MQL like any other.
        StageChange mql = thresholds.mql(next, watched.crossings(), at);
        Lead moved = mql == null ? next : next.movedTo(mql);
        LedgerEntry entry = new LedgerEntry(lead.id(), LedgerEntry.EXPIRY, eventId, LedgerEntry.EXPIRY, at, now,
                List.copyOf(lines.values()), moved.score() - lead.score(), moved.score(), model.tag(),
                mql == null ? null : moved.stageHistory().get(moved.stageHistory().size() - 1));
        return new Scored(moved, entry, watched.crossings());
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
