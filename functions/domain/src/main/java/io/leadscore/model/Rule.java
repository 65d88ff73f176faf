package io.leadscore.model;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A behaviour rule: an event of one of its {@code events} types whose fields pass {@code when} earns {@code points}.
 *
 * @param events  the event types it scores ({@code event: page_view}, or {@code event: [email_click, click]})
 * @param pattern what it asks of the lead's history besides the event ({@link EventPattern}); null: the event alone
 * @param journey the buyer-journey stage the interaction belongs to ({@code awareness}, {@code decision}...), counted
 *                per lead for the point calibration; null when untagged
 * @param expires how long the points of each hit stand before they are taken back ({@code expires: 90d}); null when
 *                they stand until decay fades them
 */
public record Rule(String id, String description, List<String> events, Condition when, int points,
                   String group, Cap cap, EventPattern pattern, String journey, Duration expires) {

    public Rule {
        events = List.copyOf(events);
    }

    public boolean matches(String type, Function<String, Object> values) {
        return events.contains(type) && when.test(values);
    }
}
