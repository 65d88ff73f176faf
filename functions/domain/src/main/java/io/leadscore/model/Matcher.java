package io.leadscore.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One test on one field's value. String comparisons ignore case: marketers write "Demo-Request" and
 * sites send "demo-request", and neither should silently stop scoring.
 */
public sealed interface Matcher {

    boolean test(Object value);

    record Equals(String expected) implements Matcher {
        public boolean test(Object value) {
            return same(expected, value);
        }
    }

    record OneOf(List<String> options) implements Matcher {
        public boolean test(Object value) {
            return options.stream().anyMatch(o -> same(o, value));
        }
    }

    record Contains(String fragment) implements Matcher {
        public boolean test(Object value) {
            return value != null && lower(text(value)).contains(lower(fragment));
        }
    }

    /** Shell-style glob over the whole value: {@code *} is any run of characters, {@code ?} one character. */
    record Glob(String glob, Pattern pattern) implements Matcher {
        public Glob(String glob) {
            this(glob, compile(glob));
        }

        public boolean test(Object value) {
            return value != null && pattern.matcher(text(value)).matches();
        }

        private static Pattern compile(String glob) {
            StringBuilder regex = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        }
    }

    /** Regular expression found anywhere in the value (ignoring case); anchor it with ^ and $ to match the whole. */
    record Regex(Pattern pattern) implements Matcher {
        public boolean test(Object value) {
            return value != null && pattern.matcher(text(value)).find();
        }
    }

    record AtLeast(BigDecimal min) implements Matcher {
        public boolean test(Object value) {
            return value instanceof Number n && decimal(n).compareTo(min) >= 0;
        }
    }

    record AtMost(BigDecimal max) implements Matcher {
        public boolean test(Object value) {
            return value instanceof Number n && decimal(n).compareTo(max) <= 0;
        }
    }

    record Exists(boolean expected) implements Matcher {
        public boolean test(Object value) {
            return (value != null) == expected;
        }
    }

    /** Numbers compare by value (50 equals 50.0), text ignoring case. */
    private static boolean same(String expected, Object value) {
        if (value instanceof Number n) {
            try {
                return new BigDecimal(expected).compareTo(decimal(n)) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return value != null && expected.equalsIgnoreCase(text(value));
    }

    private static String text(Object value) {
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }
}
