package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionTest {
    private final Condition halfWatched = new Condition.Field("percent", List.of(
            new Matcher.AtLeast(new BigDecimal("50")), new Matcher.AtMost(new BigDecimal("89"))));
    private final Condition pricing = new Condition.Field("url", List.of(new Matcher.Glob("*/pricing*")));
    private final Condition senior = new Condition.Field("profile.jobTitle", List.of(new Matcher.Contains("vp")));
    private final Condition demo = new Condition.Field("url", List.of(new Matcher.Glob("*/demo*")));

    @Test
    void holdsOnlyWhenEveryMatcherPasses() {
        assertTrue(halfWatched.test(Map.<String, Object>of("percent", new BigDecimal("50"))::get));
        assertFalse(halfWatched.test(Map.<String, Object>of("percent", new BigDecimal("95"))::get));
        assertFalse(halfWatched.test(Map.<String, Object>of("percent", new BigDecimal("10"))::get));
    }

    @Test
    void readsItsOwnField() {
        assertFalse(halfWatched.test(Map.<String, Object>of("videoProgress", new BigDecimal("50"))::get));
    }

    @Test
    void allPartsMustHold() {
        Condition pricingOfSenior = new Condition.All(List.of(pricing, senior));

        assertTrue(pricingOfSenior.test(Map.of("url", "/pricing", "profile.jobTitle", "VP Sales")::get));
        assertFalse(pricingOfSenior.test(Map.of("url", "/pricing", "profile.jobTitle", "Engineer")::get));
        assertFalse(pricingOfSenior.test(Map.of("url", "/pricing")::get));
    }

    @Test
    void anyPartMayHold() {
        Condition buyingPage = new Condition.Any(List.of(pricing, demo));

        assertTrue(buyingPage.test(Map.of("url", "/pricing")::get));
        assertTrue(buyingPage.test(Map.of("url", "/demo")::get));
        assertFalse(buyingPage.test(Map.of("url", "/blog")::get));
        assertFalse(buyingPage.test(Map.<String, Object>of()::get));
    }

    @Test
    void notTurnsItsPartAround() {
        Condition pricingNotSenior = new Condition.All(List.of(pricing, new Condition.Not(senior)));

        assertTrue(pricingNotSenior.test(Map.of("url", "/pricing", "profile.jobTitle", "Engineer")::get));
        assertTrue(pricingNotSenior.test(Map.of("url", "/pricing")::get), "no title is not a VP");
        assertFalse(pricingNotSenior.test(Map.of("url", "/pricing", "profile.jobTitle", "VP Sales")::get));
    }

    @Test
    void alwaysHoldsAndListsItsFieldsHoweverNested() {
        assertTrue(Condition.ALWAYS.test(Map.<String, Object>of()::get));
        Condition nested = new Condition.All(List.of(halfWatched, new Condition.Any(List.of(pricing,
                new Condition.Not(senior)))));
        assertEquals(List.of("percent", "url", "profile.jobTitle"),
                nested.fields().map(Condition.Field::field).toList());
    }
}
