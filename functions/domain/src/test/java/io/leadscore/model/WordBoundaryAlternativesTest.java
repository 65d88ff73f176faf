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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regexes of literal alternatives between word boundaries, with escaped punctuation and classes of letters (the fit
 * rules' {@code \b(vp|...|c[eft]o)\b}), are matched without the regex engine where they can be, and answer exactly as
 * the engine does on random texts, non-ASCII ones included (those go to the engine).
 */
class WordBoundaryAlternativesTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    @Property(tries = 10000)
    void boundedAlternativesFindWhatTheRegexFinds(@ForAll("regexes") String regex, @ForAll("texts") String text) {
        Matcher.Regex compiled = new Matcher.Regex(Pattern.compile(regex, FLAGS));
        assertNotNull(compiled.alternatives(), regex);
        assertEquals(compiled.pattern().matcher(text).find(), compiled.test(text), regex + " on " + text);
    }

    @Test
    void theDefaultModelsFitRegexesAreMatchedWithoutTheEngine() {
        Matcher.Alternatives seniority = alternatives("\\b(vp|vice president|director|head|chief|c[eft]o)\\b");
        assertEquals(List.of("vp", "vice president", "director", "head", "chief", "ceo", "cfo", "cto"),
                seniority.literals());
        assertTrue(seniority.wordStart() && seniority.wordEnd());
        assertEquals(List.of("@gmail.", "@yahoo.", "@hotmail.", "@outlook."),
                alternatives("@(gmail|yahoo|hotmail|outlook)\\.").literals());
        assertTrue(new Matcher.Regex(Pattern.compile("\\b(vp|c[eft]o)\\b", FLAGS)).test("Acting CTO"));
        assertFalse(new Matcher.Regex(Pattern.compile("\\b(vp|c[eft]o)\\b", FLAGS)).test("ctor_vp"));
    }

    @Test
    void whatTheMatcherCannotProveKeepsTheEngine() {
        for (String regex : List.of("\\b(a|b)[^/]\\b", "a\\d", "a\\1", "[^a]b", "[a-c]x", "c[e.]o", "a\\ b",
                "\\b", "\\b\\b", "a]", "a\\\\b")) {
            assertNull(new Matcher.Regex(Pattern.compile(regex, FLAGS)).alternatives(), regex);
        }
    }

    private static Matcher.Alternatives alternatives(String regex) {
        Matcher.Alternatives alternatives = new Matcher.Regex(Pattern.compile(regex, FLAGS)).alternatives();
        assertNotNull(alternatives, regex);
        return alternatives;
    }

    @Provide
    Arbitrary<String> regexes() {
        Arbitrary<String> piece = Arbitraries.of("a", "K", "s", "-", " ", "_", "1", "\\.", "\\-", "[as]", "[k1]");
        Arbitrary<String> literal = piece.list().ofMaxSize(3).map(pieces -> String.join("", pieces));
        Arbitrary<String> group = literal.filter(option -> !option.isEmpty()).list().ofMinSize(1).ofMaxSize(3)
                .map(options -> "(" + String.join("|", options) + ")");
        Arbitrary<String> bound = Arbitraries.of("", "\\b");
        return Combinators.combine(bound, literal, Arbitraries.oneOf(group, Arbitraries.just("")), literal, bound)
                .as((start, prefix, alternation, suffix, end) -> start + prefix + alternation + suffix + end)
                .filter(regex -> !regex.replace("\\b", "").replace("(", "").replace(")", "").replace("|", "")
                        .isEmpty() && regex.chars().filter(c -> c == '[').count() <= 4); // <= 48 literals
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'A', 'k', 'K', '\u212A', 's', 'S', '\u017F', '-', ' ', '_', '1',
                '.', 'x', '\u00e9', '\u0301').ofMaxLength(12);
    }
}
