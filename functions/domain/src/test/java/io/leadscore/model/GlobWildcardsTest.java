package io.leadscore.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A glob of literals and stars is matched without its regex, and answers exactly as the regex does. */
class GlobWildcardsTest {

    @Property(tries = 3000)
    void wildcardsAnswerAsTheRegex(@ForAll("globs") String glob, @ForAll("texts") String text) {
        Matcher.Glob compiled = new Matcher.Glob(glob);
        assertNotNull(compiled.wildcards(), glob);
        assertEquals(compiled.pattern().matcher(text).matches(), compiled.test(text), glob + " on " + text);
    }

    @Test
    void lettersFoldAsTheRegexFoldsThem() {
        assertTrue(new Matcher.Glob("*/Pricing*").test("https://EXAMPLE.com/pRICING?plan=team"));
        assertFalse(new Matcher.Glob("*/pricing*").test("https://example.com/prices"));
        // CASE_INSENSITIVE without UNICODE_CASE folds ASCII letters only.
        assertFalse(new Matcher.Glob("café").test("CAFÉ"));
        assertTrue(new Matcher.Glob("café").test("CAFé"));
    }

    @Test
    void aGlobWithAQuestionMarkKeepsTheRegex() {
        Matcher.Glob glob = new Matcher.Glob("demo-?");
        assertNull(glob.wildcards());
        assertTrue(glob.test("demo-1"));
        assertFalse(glob.test("demo-12"));
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars('*', 'a', 'b', 'A', '/', 'é', 'É', '.').ofMaxLength(7);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'b', 'A', 'B', '/', 'é', 'É', '.', '*', '\n').ofMaxLength(10);
    }
}
