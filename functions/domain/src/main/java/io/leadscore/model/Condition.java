package io.leadscore.model;

import java.util.List;
import java.util.function.Function;

/** A field and the matchers its value must all pass. */
public record Condition(String field, List<Matcher> matchers) {

    public boolean test(Function<String, Object> values) {
        Object value = values.apply(field);
        return matchers.stream().allMatch(m -> m.test(value));
    }

    static boolean all(List<Condition> conditions, Function<String, Object> values) {
        return conditions.stream().allMatch(c -> c.test(values));
    }
}
