package io.leadscore.lead;

import io.leadscore.model.Condition;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A lead's profile before and after one change, told in the words of a condition: the fields it reads that changed,
 * e.g. {@code jobTitle changed from 'VP Marketing' to 'Student'}. What makes a ledger entry say why fit moved (a job
 * change) rather than that it did.
 */
record ProfileChange(Map<String, Object> before, Map<String, Object> after) {

    /** How the fields {@code condition} reads changed ({@code 'a' to 'b'}); null when none did. */
    String changed(Condition condition) {
        return describe(condition, field -> field + (before.get(field) == null ? " is now " + quoted(after.get(field))
                : " changed from " + quoted(before.get(field)) + " to " + quoted(after.get(field))));
    }

    /** What the fields {@code condition} reads that changed are now ({@code jobTitle is now 'VP Sales'}); null when none. */
    String now(Condition condition) {
        return describe(condition, field -> field + " is now " + quoted(after.get(field)));
    }

    private String describe(Condition condition, java.util.function.Function<String, String> told) {
        if (condition instanceof Condition.Field single) {
            // One field, as most fit rules read: told without a stream, which cost more than the rule's own test.
            String field = single.field();
            return Objects.equals(before.get(field), after.get(field)) ? null : told.apply(field);
        }
        String changes = condition.fields().map(Condition.Field::field).distinct()
                .filter(field -> !Objects.equals(before.get(field), after.get(field))).map(told)
                .collect(Collectors.joining(", "));
        return changes.isEmpty() ? null : changes;
    }

    private static String quoted(Object value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
