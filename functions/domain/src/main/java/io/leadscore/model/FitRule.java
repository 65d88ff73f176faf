package io.leadscore.model;

import java.util.List;
import java.util.Map;

/** A fit (demographic) rule: a profile that passes every condition earns {@code points}, once, while it holds. */
public record FitRule(String id, String description, List<Condition> conditions, int points, String group) {

    public boolean matches(Map<String, Object> profile) {
        return Condition.all(conditions, profile::get);
    }
}
