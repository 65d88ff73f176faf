package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.leadscore.model.ModelProblems.assertProblem;
import static io.leadscore.model.ModelProblems.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code count:} and {@code after:} as the YAML writes them, and every mistake in them refused with its place. */
class EventPatternLoaderTest {
    private static final String BASE = """
            model: test
            eventTypes:
              page_view:   { requires: [url] }
              form_submit: { requires: [formId] }
            profileFields:
              country: string
            """;

    @Test
    void readsCountsAndSequencesWithTheirCapsDefaultingToOncePerWindow() {
        ScoringModel model = ModelLoader.parse(BASE + """
                rules:
                  - id: binge
                    event: page_view
                    when: { url: { glob: "*/pricing*" } }
                    count: { atLeast: 3, within: 7d }
                    points: 15
                    cap: { times: 1, per: 30d }
                  - id: then-pricing
                    event: page_view
                    after: { event: [form_submit], when: { formId: { glob: "case-study-*" } }, within: 2w }
                    points: 10
                  - { id: plain, event: page_view, points: 1 }
                """, "test");

        Rule binge = model.rules().get(0);
        Rule sequence = model.rules().get(1);
        assertEquals(new EventPattern.Count(3, Duration.ofDays(7)), binge.pattern());
        assertEquals(new Cap(1, Duration.ofDays(30), null), binge.cap());
        EventPattern.Sequence after = (EventPattern.Sequence) sequence.pattern();
        assertEquals(List.of("form_submit"), after.events());
        assertEquals(Duration.ofDays(14), after.within());
        assertEquals(new Cap(1, Duration.ofDays(14), null), sequence.cap());
        assertNull(model.rules().get(2).pattern());
        assertEquals(List.of(model.rules().get(2)), model.rulesFor("page_view"), "pattern rules are judged apart");
        assertEquals(List.of(binge, sequence), model.patternRulesFor("page_view"));
        assertEquals(List.of(sequence), model.patternRulesFor("form_submit"), "the event a sequence follows");
    }

    @Test
    void refusesEveryMistakeInCountsAndSequencesNamingItsPlace() {
        List<String> problems = problems(BASE + """
                rules:
                  - { id: a, event: page_view, count: { atLeast: 1, within: 7d }, points: 1 }
                  - { id: b, event: page_view, count: { atLeast: 3, within: 400d }, points: 1 }
                  - { id: c, event: page_view, count: { atLeast: 3, within: soon }, points: 1 }
                  - { id: d, event: page_view, count: 3, points: 1 }
                  - { id: e, event: page_view, count: { atLeast: 3, within: 7d, times: 2 }, points: 1 }
                  - id: f
                    event: page_view
                    count: { atLeast: 3, within: 7d }
                    after: { event: form_submit, within: 7d }
                    points: 1
                  - { id: g, event: page_view, after: { event: webinar, within: 7d }, points: 1 }
                  - { id: h, event: page_view, after: { event: form_submit, when: { form: x }, within: 7d }, points: 1 }
                  - { id: i, event: page_view, after: { event: form_submit }, points: 1 }
                  - id: j
                    event: page_view
                    count: { atLeast: 3, within: 7d }
                    cap: { times: 1, per: week, for: url }
                    points: 1
                  - { id: k, event: page_view, points: 1, cap: { times: 1, per: fortnight } }
                """);

        assertProblem(problems, "rules[0].count.atLeast: must be a whole number from 2 to 20, not 1");
        assertProblem(problems, "rules[1].count.within: must be at most 366d, not 400d");
        assertProblem(problems, "rules[2].count.within: must be like 12h, 30d or 2w");
        assertProblem(problems, "rules[3].count: must be a mapping such as { atLeast: 3, within: 7d }");
        assertProblem(problems, "rules[4].count.times: unknown key 'times'");
        assertProblem(problems, "rules[5]: takes count or after, not both");
        assertProblem(problems, "rules[6].after.event: unknown event type 'webinar'");
        assertProblem(problems, "rules[7].after.when.form: unknown field 'form'");
        assertProblem(problems, "rules[8].after.within: is required");
        assertProblem(problems, "rules[9].cap.for: a count or sequence rule's cap counts its firings");
        assertProblem(problems, "rules[10].cap.per: must be one of hour, day, week, month, ever, or a length such as 30d");
        assertEquals(11, problems.size(), String.join("\n", problems));
    }
}
