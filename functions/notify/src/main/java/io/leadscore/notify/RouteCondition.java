package io.leadscore.notify;

import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One routing condition: a field of the qualification is one of the given values, compared ignoring case.
 * The field is {@code group} (the score group's id; null, the total score, is routed with {@code [null]}) or
 * {@code profile.<field>} (such as {@code profile.country}; a lead without the field does not match).
 */
record RouteCondition(String field, Set<String> values) {
    static final String GROUP = "group";
    static final String PROFILE = "profile.";

    RouteCondition {
        Set<String> normalized = new HashSet<>();
        values.forEach(value -> normalized.add(normalized(value)));
        values = Collections.unmodifiableSet(normalized);
    }

    boolean matches(QualifiedEvent event) {
        String value = field.equals(GROUP)
                ? event.qualified().group()
                : event.profileText(field.substring(PROFILE.length())).orElse(null);
        return values.contains(normalized(value));
    }

    private static String normalized(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
