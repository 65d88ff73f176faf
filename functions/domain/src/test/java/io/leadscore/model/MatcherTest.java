package io.leadscore.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatcherTest {

    @ParameterizedTest(name = "glob {0} on {1}: {2}")
    @CsvSource({
            "*/pricing*,     https://example.com/pricing,          true",
            "*/pricing*,     https://example.com/PRICING?plan=pro, true",
            "*/pricing*,     https://example.com/blog/pricing-tips, true",
            "*/pricing*,     https://example.com/plans,            false",
            "/pricing,       https://example.com/pricing,          false",
            "whitepaper-*,   Whitepaper-Security,                  true",
            "whitepaper-*,   my-whitepaper-security,               false",
            "/docs/v?/*,     /docs/v2/setup,                       true",
            "/docs/v?/*,     /docs/v10/setup,                      false",
            "*.pdf,          /files/guide.pdf,                     true",
            "*.pdf,          /files/guide-pdf,                     false",
    })
    void globMatchesTheWholeValueIgnoringCase(String glob, String value, boolean matches) {
        assertEquals(matches, new Matcher.Glob(glob).test(value));
    }

    @Test
    void regexIsFoundAnywhereUnlessAnchored() {
        var caseStudy = new Matcher.Regex(Pattern.compile("/(customers|case-studies)/[^/]+"));
        var anchored = new Matcher.Regex(Pattern.compile("^/customers$"));

        assertTrue(caseStudy.test("https://example.com/customers/acme?utm=x"));
        assertFalse(caseStudy.test("https://example.com/customers/"));
        assertTrue(anchored.test("/customers"));
        assertFalse(anchored.test("https://example.com/customers"));
    }

    @Test
    void equalsAndInIgnoreCase() {
        assertTrue(new Matcher.Equals("Demo-Request").test("demo-request"));
        assertFalse(new Matcher.Equals("demo-request").test("demo-request-2"));
        assertTrue(new Matcher.OneOf(List.of("demo-request", "contact-sales")).test("CONTACT-SALES"));
        assertFalse(new Matcher.OneOf(List.of("demo-request", "contact-sales")).test("newsletter"));
    }

    @Test
    void equalsComparesNumbersByValue() {
        assertTrue(new Matcher.Equals("50").test(new BigDecimal("50.00")));
        assertTrue(new Matcher.OneOf(List.of("50", "100")).test(100));
    }

    @Test
    void containsIgnoresCase() {
        assertTrue(new Matcher.Contains("Pricing").test("/en/pricing/teams"));
        assertFalse(new Matcher.Contains("pricing").test("/en/plans"));
    }

    @Test
    void boundsIncludeTheirLimitForDecimalsAndIntegers() {
        var atLeast50 = new Matcher.AtLeast(new BigDecimal("50"));
        var atMost89 = new Matcher.AtMost(new BigDecimal("89"));

        assertTrue(atLeast50.test(new BigDecimal("50.0")));
        assertTrue(atLeast50.test(50));
        assertFalse(atLeast50.test(new BigDecimal("49.99")));
        assertFalse(atLeast50.test(49));
        assertTrue(atMost89.test(89));
        assertTrue(atMost89.test(new BigDecimal("88.5")));
        assertFalse(atMost89.test(new BigDecimal("89.01")));
    }

    @Test
    void boundsNeverMatchTextOrNothing() {
        assertFalse(new Matcher.AtLeast(BigDecimal.ONE).test("5"));
        assertFalse(new Matcher.AtMost(BigDecimal.TEN).test(null));
    }

    @Test
    void existsTellsPresenceFromAbsence() {
        assertTrue(new Matcher.Exists(true).test(""));
        assertFalse(new Matcher.Exists(true).test(null));
        assertTrue(new Matcher.Exists(false).test(null));
        assertFalse(new Matcher.Exists(false).test("x"));
    }

    @Test
    void textTestsNeverMatchAMissingValue() {
        assertFalse(new Matcher.Equals("x").test(null));
        assertFalse(new Matcher.OneOf(List.of("x")).test(null));
        assertFalse(new Matcher.Contains("").test(null));
        assertFalse(new Matcher.Glob("*").test(null));
        assertFalse(new Matcher.Regex(Pattern.compile("")).test(null));
    }
}
