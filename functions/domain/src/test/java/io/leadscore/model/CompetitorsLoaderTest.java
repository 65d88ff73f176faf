package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code competitors:}, a profile condition at the top of the model, as the YAML writes it. */
class CompetitorsLoaderTest {
    private static final String BASE = """
            model: test
            eventTypes: { page_view: { requires: [url] } }
            profileFields:
              email: email
              company: string
              jobTitle: string
            """;

    @Test
    void loadsAProfileConditionWithItsNotes() {
        ScoringModel model = ModelLoader.parse(BASE + """
                competitors:
                  when:
                    any: [{ company: { in: [Globex, Initech] } }, { email: { regex: "@(globex|initech)\\\\.com$" } }]
                    not: { jobTitle: { contains: partner } }
                  notes: They read our pricing to undercut it.
                """, "test");
        Competitors competitors = model.competitors();

        assertTrue(competitors.includes(Map.of("company", "globex")));
        assertTrue(competitors.includes(Map.of("email", "sam@initech.com")));
        assertFalse(competitors.includes(Map.of("company", "Globex", "jobTitle", "Channel partner manager")));
        assertFalse(competitors.includes(Map.of("company", "Acme", "email", "sam@acme.example")));
        assertEquals("works at a listed competitor (company: Globex, email: sam@globex.com)",
                competitors.reason(Map.of("company", "Globex", "email", "sam@globex.com")));
        assertNull(competitors.reason(Map.of("company", "Acme")));
        assertEquals("They read our pricing to undercut it.", model.ruleNotes().get("competitors"));
    }

    @Test
    void aModelWithoutCompetitorsHasNone() {
        Competitors competitors = ModelLoader.parse(BASE, "test").competitors();

        assertEquals(Competitors.NONE, competitors);
        assertFalse(competitors.includes(Map.of("company", "Globex")));
    }

    @Test
    void refusesEachMistakeNamingItsPlace() {
        assertEquals(List.of("competitors: must be a mapping with when (a profile condition) and notes"),
                problems(BASE + "competitors: [Globex]\n"));
        assertEquals(List.of("competitors.when: must be a mapping of at least one field test, all, any or not"),
                problems(BASE + "competitors: { notes: no condition }\n"));
        assertEquals(List.of("competitors.when: must be a mapping of at least one field test, all, any or not"),
                problems(BASE + "competitors: { when: {} }\n"));
        List<String> problems = problems(BASE + """
                competitors:
                  who: Globex
                  when:
                    any: [{ employer: Globex }, { email: { regex: "(" } }, { company: { atLeast: 3 } }]
                  notes: [not, text]
                """);
        assertProblem(problems, "competitors.who: unknown key 'who' (allowed: notes, when)");
        assertProblem(problems, "competitors.when.any[0].employer: unknown field 'employer'");
        assertProblem(problems, "competitors.when.any[1].email.regex:");
        assertProblem(problems, "competitors.when.any[2].company.atLeast: compares numbers");
        assertProblem(problems, "competitors.notes:");
        assertEquals(5, problems.size(), String.join("\n", problems));
    }

    @Test
    void competitorsReadProfileFieldsNotEventProperties() {
        assertProblem(problems(BASE + "competitors: { when: { url: { glob: \"*globex*\" } } }\n"),
                "competitors.when.url: unknown field 'url'");
    }

    private static List<String> problems(String yaml) {
        return assertThrows(ModelException.class, () -> ModelLoader.parse(yaml, "test"), yaml).problems();
    }

    private static void assertProblem(List<String> problems, String start) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)),
                () -> "no problem '" + start + "' in:\n" + String.join("\n", problems));
    }
}
