package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.leadscore.model.ModelProblems.assertProblem;
import static io.leadscore.model.ModelProblems.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code expires:} on a behaviour rule, as the YAML writes it, and every misuse refused with its place. */
class ExpiringPointsLoaderTest {
    private static final String BASE = """
            model: test
            eventTypes: { page_view: {}, email_unsubscribe: {} }
            profileFields: { jobTitle: string }
            """;

    @Test
    void readsTheModelsDurationsOnBehaviourRulesNegativePointsIncluded() {
        ScoringModel model = ModelLoader.parse(BASE + """
                rules:
                  - { id: webinar, event: page_view, points: 10, expires: 90d }
                  - { id: unsubscribed, event: email_unsubscribe, points: -25, expires: 52w }
                  - { id: hourly, event: page_view, points: 1, expires: 12h }
                  - { id: monthly, event: page_view, points: 1, expires: month }
                  - { id: forever, event: page_view, points: 1 }
                """, "test");

        assertEquals(Arrays.asList(Duration.ofDays(90), Duration.ofDays(364), Duration.ofHours(12), Duration.ofDays(30),
                null), model.rules().stream().map(Rule::expires).toList());
    }

    @Test
    void refusesAnyOtherDurationAndExpiresOnFitRulesNamingThePlace() {
        List<String> problems = problems(BASE + """
                rules:
                  - { id: a, event: page_view, points: 1, expires: 90 }
                  - { id: b, event: page_view, points: 1, expires: 3 months }
                  - { id: c, event: page_view, points: 1, expires: 0d }
                  - { id: d, event: page_view, points: 1, expires: -5d }
                fit:
                  - { id: vp, when: { jobTitle: { contains: vp } }, points: 20, expires: 90d }
                """);

        assertProblem(problems, "rules[0].expires: must be text");
        assertProblem(problems, "rules[1].expires: must be like 12h", "'3 months'");
        assertProblem(problems, "rules[2].expires: must be like 12h", "'0d'");
        assertProblem(problems, "rules[3].expires: must be like 12h", "'-5d'");
        assertProblem(problems, "fit[0].expires: a fit rule's points do not expire: fit holds while the profile holds");
        assertEquals(5, problems.size(), String.join("\n", problems));
    }
}
