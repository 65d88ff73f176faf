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
            // A loop, not a stream: an In condition is tested on most events.
            for (String option : options) {
                if (same(option, value)) {
                    return true;
                }
            }
            return false;
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
    record Regex(Pattern pattern, Alternatives alternatives) implements Matcher {
        public Regex(Pattern pattern) {
            this(pattern, Alternatives.of(pattern));
        }

        public boolean test(Object value) {
            if (value == null) {
                return false;
            }
            // An alternation of literals (a URL path such as /(customers|case-studies)/) runs on every page view.
            String text = text(value);
            return alternatives != null && alternatives.answers(text) ? alternatives.found(text)
                    : pattern.matcher(text).find();
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
     * The text with each char folded as a regex of the loader's flags folds it: ASCII letters to lower case, and with
     * {@code unicode} ({@code UNICODE_CASE}) every other char to the lower case of its upper case; so a literal kept
     * folded occurs in the folded text exactly where the regex finds it in the text, at the same index (a char folds to
     * one char). The same string when folding changes nothing, as in most URLs and ids.
     */
    private static String folded(String text, boolean unicode) {
        int i = 0;
        while (i < text.length() && foldChar(text.charAt(i), unicode) == text.charAt(i)) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (; i < chars.length; i++) {
            chars[i] = foldChar(chars[i], unicode);
        }
        return new String(chars);
    }

    private static char foldChar(char c, boolean unicode) {
        return c < 128 ? Wildcards.asciiLower(c) : unicode ? Character.toLowerCase(Character.toUpperCase(c)) : c;
    }

    /**
     * A glob of literals and {@code *} only, matched as its {@link Glob#pattern} matches: the literals in order, the
     * first at the start and the last at the end, letters compared as {@link Pattern#CASE_INSENSITIVE} compares them
     * (ASCII letters only). The literals are kept folded (ASCII letters lowered) and the text is folded once, so each
     * literal is found with the JDK's own {@link String#indexOf}, not compared char by char at every offset. Globs with
     * {@code ?} or characters outside the Basic Multilingual Plane keep the regex.
     */
    record Wildcards(List<String> literals) {
        static Wildcards of(String glob) {
            for (int i = 0; i < glob.length(); i++) {
                if (glob.charAt(i) == '?' || Character.isSurrogate(glob.charAt(i))) {
                    return null;
                }
            }
            return new Wildcards(List.of(folded(glob, false).split("\\*", -1)));
        }

        boolean matches(String text) {
            String folded = folded(text, false);
            String first = literals.get(0);
            if (literals.size() == 1) {
                return folded.equals(first);
            }
            String last = literals.get(literals.size() - 1);
            int end = folded.length() - last.length();
            if (end < first.length() || !folded.startsWith(first) || !folded.startsWith(last, end)) {
                return false;
            }
            int from = first.length();
            for (int i = 1; i < literals.size() - 1; i++) {
                String literal = literals.get(i);
                // The first occurrence: if it runs past the last literal's start, every later one does too.
                int found = folded.indexOf(literal, from);
                if (found < 0 || found + literal.length() > end) {
                    return false;
                }
                from = found + literal.length();
            }
            return true;
        }

        private static char asciiLower(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
    }

    /**
     * A regex of the loader's flags ({@code CASE_INSENSITIVE | UNICODE_CASE}) made of ASCII literals around at most one
     * group of literal alternatives, optionally ending in {@code [^c]} or {@code [^c]+} for an ASCII non-letter
     * {@code c}: found, as {@link java.util.regex.Matcher#find} finds it, when one of its expanded {@code literals}
     * occurs (text chars folded as the regex folds them: upper then lower case) followed, if {@code notBefore} is set,
     * by a char other than it. Literals may hold escaped ASCII punctuation ({@code \.}) and classes of ASCII letters
     * and digits ({@code c[eft]o}, expanded); the regex may start and (without a {@code [^c]} tail) end in a word
     * boundary {@code \b} ({@code wordStart}, {@code wordEnd}): the fit rules' job titles. A bounded regex answers
     * only ASCII texts ({@link #answers}): the engine's boundaries between other chars (its Unicode letters and
     * combining marks) stay the engine's. Any other regex keeps the regex.
     */
    record Alternatives(List<String> literals, Character notBefore, boolean wordStart, boolean wordEnd) {
        private static final String SPECIAL = "\\^$.|?*+()[]{}";
        private static final String BOUNDARY = "\\b";
        /** More literals than this after expanding classes: the regex engine is left to it. */
        private static final int MAX_LITERALS = 64;

        static Alternatives of(Pattern pattern) {
            if (pattern.flags() != (Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)) {
                return null;
            }
            String regex = pattern.pattern();
            boolean wordStart = regex.startsWith(BOUNDARY);
            regex = wordStart ? regex.substring(BOUNDARY.length()) : regex;
            boolean wordEnd = regex.endsWith(BOUNDARY);
            regex = wordEnd ? regex.substring(0, regex.length() - BOUNDARY.length()) : regex;
            Character notBefore = null;
            java.util.regex.Matcher tail = Pattern.compile("\\[\\^([^\\\\\\]\\[^])\\]\\+?$").matcher(regex);
            if (tail.find()) {
                char c = tail.group(1).charAt(0);
                if (c >= 128 || Character.isLetter(c) || wordEnd) {
                    return null;
                }
                notBefore = c;
                regex = regex.substring(0, tail.start());
            }
            int open = regex.indexOf('(');
            int close = regex.lastIndexOf(')');
            List<String> options = List.of("");
            String prefix = regex;
            String suffix = "";
            if (open >= 0 && close > open) {
                prefix = regex.substring(0, open);
                suffix = regex.substring(close + 1);
                String group = regex.substring(open + 1, close);
                options = List.of((group.startsWith("?:") ? group.substring(2) : group).split("\\|", -1));
            }
            List<String> literals = new java.util.ArrayList<>();
            for (String option : options) {
                List<String> expanded = expand(prefix + option + suffix);
                if (expanded == null || literals.size() + expanded.size() > MAX_LITERALS) {
                    return null;
                }
                literals.addAll(expanded);
            }
            return new Alternatives(List.copyOf(literals), notBefore, wordStart, wordEnd);
        }

        /**
         * The literals a regex without groups stands for: plain ASCII chars, {@code \} before ASCII punctuation, and
         * classes of ASCII letters and digits, each member a literal of its own. Null if it is empty or holds anything
         * else.
         */
        private static List<String> expand(String regex) {
            List<StringBuilder> literals = new java.util.ArrayList<>(List.of(new StringBuilder()));
            for (int i = 0; i < regex.length(); i++) {
                char c = regex.charAt(i);
                String chars;
                if (c == '\\' && i + 1 < regex.length() && punctuation(regex.charAt(i + 1))) {
                    chars = String.valueOf(regex.charAt(++i));
                } else if (c == '[') {
                    int end = regex.indexOf(']', i);
                    if (end < 0) {
                        return null;
                    }
                    chars = regex.substring(i + 1, end);
                    i = end;
                    if (chars.isEmpty() || !chars.chars().allMatch(m -> m < 128 && Character.isLetterOrDigit(m))
                            || literals.size() * chars.length() > MAX_LITERALS) {
                        return null;
                    }
                } else if (c < 128 && SPECIAL.indexOf(c) < 0) {
                    chars = String.valueOf(c);
                } else {
                    return null;
                }
                List<StringBuilder> longer = new java.util.ArrayList<>();
                for (StringBuilder literal : literals) {
                    for (int m = 0; m < chars.length(); m++) {
                        longer.add(new StringBuilder(literal).append(chars.charAt(m)));
                    }
                }
                literals = longer;
            }
            // Kept folded (ASCII lower case, as fold leaves an ASCII char): the text's chars are folded against them.
            return literals.get(0).isEmpty() ? null
                    : literals.stream().map(literal -> literal.toString().toLowerCase(Locale.ROOT)).toList();
        }

        private static boolean punctuation(char c) {
            return c < 128 && c > ' ' && !Character.isLetterOrDigit(c);
        }

        /** Whether {@link #found} answers for this text as the regex would: a bounded regex, ASCII texts only. */
        boolean answers(String text) {
            if (!wordStart && !wordEnd) {
                return true;
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 128) {
                    return false;
                }
            }
            return true;
        }

        boolean found(String text) {
            String folded = folded(text, true);
            for (String literal : literals) {
                for (int i = folded.indexOf(literal); i >= 0; i = folded.indexOf(literal, i + 1)) {
                    int next = i + literal.length();
                    if ((notBefore == null || next < text.length() && text.charAt(next) != notBefore)
                            && (!wordStart || boundary(text, i)) && (!wordEnd || boundary(text, next))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** {@code \b} between {@code at - 1} and {@code at} of an ASCII text: a word char ([A-Za-z0-9_]) on one side only. */
        private static boolean boundary(String text, int at) {
            return word(text, at - 1) != word(text, at);
        }

        private static boolean word(String text, int at) {
            if (at < 0 || at >= text.length()) {
                return false;
            }
            char c = text.charAt(at);
            return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }

    }
}
