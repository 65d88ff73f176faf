package io.leadscore.model;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What a rule's {@code when:} asks of an event and the lead's profile: tests on fields, combined as a marketer writes
 * them in Marketo's smart lists or Mautic's segments, with {@code all:}, {@code any:} and {@code not:}. Fields side by
 * side in one mapping must all hold.
 */
public sealed interface Condition {
    /** The condition of a rule with no {@code when:}: every event of its types. */
    Condition ALWAYS = new All(List.of());

    boolean test(Function<String, Object> values);

    /** The field tests it is made of, however nested: where the loader checks bounds that depend on the field. */
    Stream<Field> fields();

    /** A field and the matchers its value must all pass. */
    record Field(String field, List<Matcher> matchers) implements Condition {
        public Field {
            matchers = List.copyOf(matchers);
        }

        public boolean test(Function<String, Object> values) {
            Object value = values.apply(field);
            for (Matcher matcher : matchers) {
                if (!matcher.test(value)) {
                    return false;
                }
            }
            return true;
        }

        public Stream<Field> fields() {
            return Stream.of(this);
        }
    }

    /** Every part holds; none at all always holds. */
    record All(List<Condition> parts) implements Condition {
        public All {
            parts = List.copyOf(parts);
        }

        public boolean test(Function<String, Object> values) {
            for (Condition part : parts) {
                if (!part.test(values)) {
                    return false;
                }
            }
            return true;
        }

        public Stream<Field> fields() {
            return parts.stream().flatMap(Condition::fields);
        }
    }

    /** At least one part holds. */
    record Any(List<Condition> parts) implements Condition {
        public Any {
            parts = List.copyOf(parts);
        }

        public boolean test(Function<String, Object> values) {
            for (Condition part : parts) {
                if (part.test(values)) {
                    return true;
                }
            }
            return false;
        }

        public Stream<Field> fields() {
            return parts.stream().flatMap(Condition::fields);
        }
    }

    /** The part does not hold. */
    record Not(Condition part) implements Condition {
        public boolean test(Function<String, Object> values) {
            return !part.test(values);
        }

        public Stream<Field> fields() {
            return part.fields();
        }
    }

    /** One condition from several that must all hold: the single one itself, else their {@link All}. */
    static Condition allOf(List<Condition> parts) {
        return parts.size() == 1 ? parts.get(0) : new All(parts);
    }
}
