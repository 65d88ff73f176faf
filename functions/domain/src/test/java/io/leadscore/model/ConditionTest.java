package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionTest {
    private final Condition halfWatched = new Condition("percent", List.of(
            new Matcher.AtLeast(new BigDecimal("50")), new Matcher.AtMost(new BigDecimal("89"))));

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
    void allConditionsOfARuleMustHold() {
        var pricingOfSenior = List.of(
                new Condition("url", List.of(new Matcher.Glob("*/pricing*"))),
                new Condition("profile.jobTitle", List.of(new Matcher.Contains("vp"))));

        assertTrue(Condition.all(pricingOfSenior, Map.of("url", "/pricing", "profile.jobTitle", "VP Sales")::get));
        assertFalse(Condition.all(pricingOfSenior, Map.of("url", "/pricing", "profile.jobTitle", "Engineer")::get));
        assertFalse(Condition.all(pricingOfSenior, Map.of("url", "/pricing")::get));
    }
}
