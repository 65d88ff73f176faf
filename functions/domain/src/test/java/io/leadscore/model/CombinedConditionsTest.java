package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code any:}, {@code all:}, {@code not:} and rules on several event types, as the YAML writes them. */
class CombinedConditionsTest {
    private static final String BASE = """
            model: test
            eventTypes:
              page_view:   { requires: [url] }
              email_click: { requires: [campaign] }
              click:       { requires: [element] }
            profileFields:
              jobTitle: string
              country: string
            """;

    @Test
    void combinesFieldTestsWithAnyAllAndNot() {
        Rule rule = ModelLoader.parse(BASE + """
                rules:
                  - id: buying-page-not-student
                    event: page_view
                    when:
                      any:
                        - url: { glob: "*/pricing*" }
                        - all:
                            - url: { glob: "*/demo*" }
                            - profile.country: { in: [DE, FR] }
                      not: { profile.jobTitle: { regex: "student|intern" } }
                    points: 10
                """, "test").rules().get(0);

        assertTrue(rule.matches("page_view", Map.of("url", "/pricing")::get));
        assertTrue(rule.matches("page_view", Map.of("url", "/demo", "profile.country", "de")::get));
        assertFalse(rule.matches("page_view", Map.of("url", "/demo", "profile.country", "US")::get));
        assertFalse(rule.matches("page_view", Map.of("url", "/pricing", "profile.jobTitle", "Intern")::get));
        assertFalse(rule.matches("page_view", Map.of("url", "/blog")::get));
    }

    @Test
    void letsARuleNameSeveralEventTypesAndIndexesItUnderEach() {
        ScoringModel model = ModelLoader.parse(BASE + """
                rules:
                  - { id: clicked, event: [email_click, click], points: 3 }
                  - { id: viewed, event: page_view, points: 1 }
                """, "test");
        Rule clicked = model.rules().get(0);

        assertEquals(List.of("email_click", "click"), clicked.events());
        assertEquals(List.of(clicked), model.rulesFor("email_click"));
        assertEquals(List.of(clicked), model.rulesFor("click"));
        assertTrue(clicked.matches("click", Map.<String, Object>of()::get));
        assertFalse(clicked.matches("page_view", Map.<String, Object>of()::get));
    }

    @Test
    void fitRulesAndRolesCombineConditionsToo() {
        ScoringModel model = ModelLoader.parse(BASE + """
                fit:
                  - id: served-not-student
                    when: { any: [{ country: DE }, { country: FR }], not: { jobTitle: { contains: student } } }
                    points: 5
                """, "test");
        FitRule rule = model.fitRules().get(0);

        assertTrue(rule.matches(Map.of("country", "FR", "jobTitle", "CTO")));
        assertFalse(rule.matches(Map.of("country", "FR", "jobTitle", "Student")));
        assertFalse(rule.matches(Map.of("country", "US")));
    }

    @Test
    void refusesEveryMistakeInCombinedConditionsNamingItsPlace() {
        List<String> problems = problems(BASE + """
                rules:
                  - { id: a, event: [page_view, webinar], points: 1 }
                  - { id: b, event: [], points: 1 }
                  - { id: c, event: [click, click], points: 1 }
                  - { id: d, event: page_view, when: { any: [] }, points: 1 }
                  - { id: e, event: page_view, when: { any: { url: x } }, points: 1 }
                  - { id: f, event: page_view, when: { not: {} }, points: 1 }
                  - { id: g, event: page_view, when: { all: [{ urll: x }] }, points: 1 }
                  - id: h
                    event: page_view
                    when: { not: { not: { not: { not: { url: x } } } } }
                    points: 1
                  - { id: i, event: page_view, when: { any: [x] }, points: 1 }
                """);

        assertProblem(problems, "rules[0].event: unknown event type 'webinar'");
        assertProblem(problems, "rules[1].event: must name at least one event type");
        assertProblem(problems, "rules[2].event: names an event type twice");
        assertProblem(problems, "rules[3].when.any: must list at least one condition");
        assertProblem(problems, "rules[4].when.any: must be a list");
        assertProblem(problems, "rules[5].when.not: must be a mapping of at least one field test, all, any or not");
        assertProblem(problems, "rules[6].when.all[0].urll: unknown field 'urll'", "or all, any, not");
        assertProblem(problems, "rules[7].when.not.not.not.not: nests all/any/not deeper than 4 levels");
        assertProblem(problems, "rules[8].when.any[0]: must be a mapping of at least one field test");
        assertEquals(9, problems.size(), String.join("\n", problems));
    }

    static List<String> problems(String yaml) {
        try {
            ModelLoader.parse(yaml, "test");
        } catch (ModelException e) {
            return e.problems();
        }
        return fail("the model was accepted:\n" + yaml);
    }

    static void assertProblem(List<String> problems, String start, String... fragments) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(start) && List.of(fragments).stream().allMatch(p::contains)),
                () -> "no problem '" + start + "' in:\n" + String.join("\n", problems));
    }
}
