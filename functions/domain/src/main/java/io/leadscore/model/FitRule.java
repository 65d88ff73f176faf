package io.leadscore.model;

import java.util.Map;

/** A fit (demographic) rule: a profile that passes {@code when} earns {@code points}, once, while it holds. */
public record FitRule(String id, String description, Condition when, int points, String group) {

    public boolean matches(Map<String, Object> profile) {
        return when.test(profile::get);
    }
}
