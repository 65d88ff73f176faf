package io.leadscore.model;

import java.util.List;
import java.util.function.Function;

/**
 * A behaviour rule: an event of {@code eventType} whose fields pass every condition earns {@code points}.
 *
 * @param journey the buyer-journey stage the interaction belongs to ({@code awareness}, {@code decision}...), counted
 *                per lead for the point calibration; null when untagged
 */
public record Rule(String id, String description, String eventType, List<Condition> conditions, int points,
                   String group, Cap cap, String journey) {

    public boolean matches(String type, Function<String, Object> values) {
        return eventType.equals(type) && Condition.all(conditions, values);
    }
}
