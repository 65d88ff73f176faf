package io.leadscore.announcement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The records' defensive copies: a profile keeps its fields' order, as the detail lists them. */
final class Copies {
    private Copies() {
    }

    static Map<String, Object> profile(Map<String, Object> profile) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(profile, "profile")));
    }

    static <T> List<T> list(List<T> list, String name) {
        return List.copyOf(Objects.requireNonNull(list, name));
    }
}
