package io.leadscore.model;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who works at a competitor ({@code competitors: when:}), as Marketo users "disqualify" them: while a lead's profile
 * passes {@code when}, the lead earns no fit and is never announced as qualified. A profile condition, so a job change
 * that leaves the competitor undoes it.
 */
public record Competitors(Condition when) {
    /** A model without {@code competitors:}: nobody is one. */
    public static final Competitors NONE = new Competitors(null);

    public boolean includes(Map<String, Object> profile) {
        return when != null && when.test(profile::get);
    }

    /**
     * Why the profile is a competitor's, for the ledger: {@code works at a listed competitor (company: Globex)}, naming
     * the profile values that pass a field test of the condition; null when it is not one.
     */
    public String reason(Map<String, Object> profile) {
        if (!includes(profile)) {
            return null;
        }
        String values = when.fields().filter(field -> profile.get(field.field()) != null && field.test(profile::get))
                .map(field -> field.field() + ": " + profile.get(field.field())).distinct()
                .collect(Collectors.joining(", "));
        return "works at a listed competitor" + (values.isEmpty() ? "" : " (" + values + ")");
    }
}
