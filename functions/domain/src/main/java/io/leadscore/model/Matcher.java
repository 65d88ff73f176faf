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
    record Glob(String glob, Pattern pattern, Wildcards wildcards) implements Matcher {
        public Glob(String glob) {
            this(glob, compile(glob), Wildcards.of(glob));
        }

        public boolean test(Object value) {
            if (value == null) {
                return false;
            }
            // Most globs are literals around stars: matched without a regex, which costs more than the rest of a rule.
            return wildcards != null ? wildcards.matches(text(value)) : pattern.matcher(text(value)).matches();
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

    /**
     * A glob of literals and {@code *} only, matched as its {@link Glob#pattern} matches: the literals in order, the
     * first at the start and the last at the end, letters compared as {@link Pattern#CASE_INSENSITIVE} compares them
     * (ASCII letters only). Globs with {@code ?} or characters outside the Basic Multilingual Plane keep the regex.
     */
    record Wildcards(List<String> literals) {
        static Wildcards of(String glob) {
            for (int i = 0; i < glob.length(); i++) {
                if (glob.charAt(i) == '?' || Character.isSurrogate(glob.charAt(i))) {
                    return null;
                }
            }
            return new Wildcards(List.of(glob.split("\\*", -1)));
        }

        boolean matches(String text) {
            String first = literals.get(0);
            if (literals.size() == 1) {
                return text.length() == first.length() && at(text, 0, first);
            }
            String last = literals.get(literals.size() - 1);
            int end = text.length() - last.length();
            if (end < first.length() || !at(text, 0, first) || !at(text, end, last)) {
                return false;
            }
            int from = first.length();
            for (int i = 1; i < literals.size() - 1; i++) {
                String literal = literals.get(i);
                int found = find(text, literal, from, end);
                if (found < 0) {
                    return false;
                }
                from = found + literal.length();
            }
            return true;
        }

        /** The first index from {@code from} where {@code literal} lies wholly before {@code end}, or -1. */
        private static int find(String text, String literal, int from, int end) {
            for (int i = from; i + literal.length() <= end; i++) {
                if (at(text, i, literal)) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean at(String text, int offset, String literal) {
            for (int i = 0; i < literal.length(); i++) {
                char a = text.charAt(offset + i);
                char b = literal.charAt(i);
                if (a != b && (a >= 128 || b >= 128 || asciiLower(a) != asciiLower(b))) {
                    return false;
                }
            }
            return true;
        }

        private static char asciiLower(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }
}
