package io.leadscore.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A regex of literal alternatives is matched without the regex engine, and finds exactly what the regex finds. */
class RegexAlternativesTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    @Property(tries = 5000)
    void alternativesFindWhatTheRegexFinds(@ForAll("regexes") String regex, @ForAll("texts") String text) {
        Matcher.Regex compiled = new Matcher.Regex(Pattern.compile(regex, FLAGS));
        assertNotNull(compiled.alternatives(), regex);
        assertEquals(compiled.pattern().matcher(text).find(), compiled.test(text), regex + " on " + text);
    }

    @Test
    void theDefaultModelsCaseStudyRegexIsMatchedWithoutTheEngine() {
        Matcher.Alternatives alternatives = new Matcher.Regex(Pattern.compile("/(customers|case-studies)/[^/]+", FLAGS))
                .alternatives();
        assertEquals(List.of("/customers/", "/case-studies/"), alternatives.literals());
        assertEquals('/', alternatives.notBefore());
    }

    @Test
    void anyOtherRegexKeepsTheEngine() {
        for (String regex : List.of("^/customers$", "/docs/v\\d+", "(a|b)(c|d)", "[^a]", "x[^k]", "caf\u00e9", "(?i)a")) {
            assertNull(new Matcher.Regex(Pattern.compile(regex, FLAGS)).alternatives(), regex);
        }
        assertNull(new Matcher.Regex(Pattern.compile("customers")).alternatives(), "other flags");
    }

    @Provide
    Arbitrary<String> regexes() {
        Arbitrary<String> literal = Arbitraries.strings().withChars('/', 'a', 'K', 's', '-').ofMaxLength(3);
        Arbitrary<String> group = literal.list().ofMinSize(1).ofMaxSize(3)
                .map(options -> "(" + String.join("|", options) + ")");
        Arbitrary<String> tail = Arbitraries.of("", "[^/]", "[^/]+", "[^-]+");
        return Combinators.combine(literal, Arbitraries.oneOf(group, Arbitraries.just("")), literal, tail)
                .as((prefix, alternation, suffix, end) -> prefix + alternation + suffix + end)
                .filter(regex -> !regex.replaceAll("\\[\\^.\\]\\+?$", "").replace("(", "").replace(")", "")
                        .replace("|", "").isEmpty() && !regex.contains("()") && !regex.contains("(|")
                        && !regex.contains("|)") && !regex.contains("||"));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('/', 'a', 'A', 'k', 'K', '\u212A', 's', 'S', '\u017F', '-', 'x')
                .ofMaxLength(12);
    }
}
