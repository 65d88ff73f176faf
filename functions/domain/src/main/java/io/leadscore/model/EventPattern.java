package io.leadscore.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a rule asks of a lead's history beyond the event in hand, as Marketo's "number of times in past N days" and
 * "visited after ..." filters do. A pattern rule fires at one of its events (its {@code event:} and {@code when:})
 * when the pattern holds there, judged by event time; its cap (by default once per the pattern's window) bounds how
 * often. Firings are a function of the events' times, not of their arrival: the same events in any order fire the
 * rule the same number of times as a replay in time order does.
 */
public sealed interface EventPattern {
    /** The most events {@code count.atLeast} may ask for; a lead remembers a few more than that per rule. */
    int MAX_COUNT = 20;
    /** The longest window a pattern may look back: a year, as the activities themselves are kept about that long. */
    Duration MAX_WITHIN = Duration.ofDays(366);

    Duration within();

    /** In the YAML's words, for the ledger and the revision table: {@code 3 within 7d}. */
    String describe();

    /** Whether the pattern holds at an event at {@code at}, given the lead's remembered events of each role. */
    boolean holdsAt(Instant at, List<Instant> events, List<Instant> antecedents);

    /** How far before its newest event a lead must remember a rule's events to judge the pattern at any later one. */
    default Duration lookBack() {
        return within();
    }

    /** {@code count: {atLeast: 3, within: 7d}}: at least that many of the rule's events in the window ending here. */
    record Count(int atLeast, Duration within) implements EventPattern {
        public boolean holdsAt(Instant at, List<Instant> events, List<Instant> antecedents) {
            return countAt(at, events) >= atLeast;
        }

        /** How many of {@code events} fall in the window ending at {@code at}: the rule's progress, for the ledger. */
        public long countAt(Instant at, List<Instant> events) {
            Instant from = at.minus(within);
            long count = 0;
            for (Instant event : events) {
                count += event.isAfter(from) && !event.isAfter(at) ? 1 : 0;
            }
            return count;
        }

        public String describe() {
            return atLeast + " within " + ModelLoader.length(within);
        }
    }

    /**
     * {@code after: {event: form_submit, when: {...}, within: 14d}}: an event of these types passing {@code when}
     * happened before this one, within the window (an event never follows itself).
     */
    record Sequence(List<String> events, Condition when, Duration within) implements EventPattern {
        public Sequence {
            events = List.copyOf(events);
        }

        /** Whether an event is one the rule's events must follow. */
        public boolean precedes(String type, Function<String, Object> values) {
            return events.contains(type) && when.test(values);
        }

        public boolean holdsAt(Instant at, List<Instant> events, List<Instant> antecedents) {
            Instant from = at.minus(within);
            for (Instant antecedent : antecedents) {
                if (!antecedent.isBefore(from) && antecedent.isBefore(at)) {
                    return true;
                }
            }
            return false;
        }

        public String describe() {
            return "after " + String.join(", ", events) + " within " + ModelLoader.length(within);
        }
    }

    /**
     * When a rule with this pattern and {@code cap} fires over remembered events, in time order: at each of
     * {@code events} after {@code settled} (null: from the start) where the pattern holds and the cap, counting
     * {@code earlier} firings (at or before {@code settled}), allows one more.
     */
    default List<Instant> firings(Cap cap, List<Instant> events, List<Instant> antecedents, Instant settled,
                                  List<Instant> earlier) {
        List<Instant> fired = new ArrayList<>();
        List<Instant> capHistory = earlier;
        for (Instant at : events) {
            if ((settled == null || at.isAfter(settled)) && holdsAt(at, events, antecedents)
                    && cap.allows(capHistory, at)) {
                fired.add(at);
                capHistory = cap.record(capHistory, at);
            }
        }
        return fired;
    }
}
