package io.leadscore.lead;

import io.leadscore.model.EventPattern;
import io.leadscore.model.Rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a lead remembers for one pattern rule (a windowed count or a sequence): enough to judge the rule again, by event
 * time, whenever one of its events arrives, however late within the rule's window. Each arrival re-judges the rule over
 * what is remembered, and the difference in firings is what the event scores; so the same events in any order end with
 * the same firings as a replay in time order.
 *
 * <p>Bounded, as a lead is one item: once the newest event is a whole window past a time, firings up to that time are
 * settled (the newest few kept for the cap) and events that no later firing can count are forgotten; at most
 * {@value #MAX_REMEMBERED} times of each role are kept. An event older than the settled time is not counted: a pattern
 * rule may under-score an event that arrives a whole window late, never over-score.
 *
 * @param events      the times of the rule's own events still remembered, oldest first
 * @param antecedents for a sequence, the times of the events the rule's events must follow, oldest first
 * @param settled     up to when the rule's firings are final; null while none are
 * @param firings     the newest firings up to {@code settled}, as many as the rule's cap counts, oldest first
 */
public record PatternHistory(List<Instant> events, List<Instant> antecedents, Instant settled, List<Instant> firings) {
    /** Well above any {@code count.atLeast} ({@value EventPattern#MAX_COUNT}), so a dense burst still counts in full. */
    public static final int MAX_REMEMBERED = 25;
    public static final PatternHistory EMPTY = new PatternHistory(List.of(), List.of(), null, List.of());

    public PatternHistory {
        events = events == null ? List.of() : List.copyOf(events);
        antecedents = antecedents == null ? List.of() : List.copyOf(antecedents);
        firings = firings == null ? List.of() : List.copyOf(firings);
    }

    /** Whether an event at {@code at} can still be judged: it is after the settled time. */
    public boolean remembers(Instant at) {
        return settled == null || at.isAfter(settled);
    }

    /** With an event at {@code at} in the roles it plays. */
    public PatternHistory with(Instant at, boolean event, boolean antecedent) {
        return new PatternHistory(event ? inserted(events, at) : events,
                antecedent ? inserted(antecedents, at) : antecedents, settled, firings);
    }

    /**
     * Two histories of one rule as one, a visitor's merged into its lead's: later events count both, as a cap counts
     * both histories' hits; the later settled time stands.
     */
    public PatternHistory plus(PatternHistory other) {
        Instant later = settled == null || other.settled != null && other.settled.isAfter(settled) ? other.settled
                : settled;
        return new PatternHistory(newest(union(events, other.events), null),
                newest(union(antecedents, other.antecedents), null), later, union(firings, other.firings));
    }

    /** When the rule fires after the settled time, judged over what is remembered. */
    public List<Instant> fired(Rule rule) {
        return rule.pattern().firings(rule.cap(), events, antecedents, settled, firings);
    }

    /**
     * The same judgement in less room: firings a whole look-back before the newest event are settled, and events no
     * later firing can count are forgotten (then the oldest, past the bound). {@code fired} is {@link #fired(Rule)},
     * which the caller has judged already.
     */
    public PatternHistory settle(Rule rule, List<Instant> fired) {
        Instant newest = latest();
        if (newest == null) {
            return this;
        }
        Instant until = newest.minus(rule.pattern().lookBack());
        if (!remembers(until)) {
            return this;
        }
        List<Instant> capHistory = firings;
        for (Instant at : fired) {
            if (!at.isAfter(until)) {
                capHistory = rule.cap().record(capHistory, at);
            }
        }
        Instant forgotten = until.minus(rule.pattern().within());
        return new PatternHistory(newest(events, forgotten), newest(antecedents, forgotten), until, capHistory);
    }

    private Instant latest() {
        Instant event = events.isEmpty() ? null : events.get(events.size() - 1);
        Instant antecedent = antecedents.isEmpty() ? null : antecedents.get(antecedents.size() - 1);
        return event == null || antecedent != null && antecedent.isAfter(event) ? antecedent : event;
    }

    private static List<Instant> inserted(List<Instant> times, Instant at) {
        List<Instant> next = new ArrayList<>(times);
        next.add(at);
        next.sort(null);
        return next;
    }

    private static List<Instant> union(List<Instant> a, List<Instant> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList();
    }

    /** The times from {@code forgotten} on (null: all), the newest {@value #MAX_REMEMBERED} of them. */
    private static List<Instant> newest(List<Instant> times, Instant forgotten) {
        List<Instant> kept = times;
        if (forgotten != null) {
            kept = new ArrayList<>(times.size());
            for (Instant time : times) {
                if (!time.isBefore(forgotten)) {
                    kept.add(time);
                }
            }
        }
        return kept.subList(Math.max(0, kept.size() - MAX_REMEMBERED), kept.size());
    }
}
