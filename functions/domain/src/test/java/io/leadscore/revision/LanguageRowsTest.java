package io.leadscore.revision;

import io.leadscore.revision.RevisionComparison.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadscore.revision.ModelRevisionTest.AT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The model language's constructs in the revision table: each in the YAML's words, a change a changed cell. */
class LanguageRowsTest {
    private static final String MODEL = """
            model: lang
            eventTypes:
              page_view:   { requires: [url] }
              form_submit: { requires: [formId] }
              click:       { requires: [element] }
            profileFields:
              jobTitle: string
            rules:
              - id: binge
                event: page_view
                when: { url: { glob: "*/pricing*" } }
                count: { atLeast: 3, within: 7d }
                points: 15
                cap: { times: 1, per: 30d }
              - id: then-pricing
                event: page_view
                when: { url: { glob: "*/pricing*" } }
                after: { event: form_submit, when: { formId: { glob: "case-study-*" } }, within: 14d }
                points: 10
              - id: buying-click
                event: [click, form_submit]
                when:
                  any: [{ element: book-demo }, { formId: demo }]
                  not: { profile.jobTitle: { contains: student } }
                points: 5
            """;

    @Test
    void countsSequencesAndCombinedConditionsReadAsTheYamlWritesThem() {
        RevisionComparison table = RevisionComparison.of(List.of(
                ModelRevision.draft("lang", 1, MODEL, "ana", AT, null, null),
                ModelRevision.draft("lang", 2, MODEL.replace("atLeast: 3", "atLeast: 4")
                        .replace("within: 14d", "within: 21d"), "ana", AT, null, 1)));

        assertEquals(List.of("15 · page_view url glob */pricing* · count 3 within 7d · cap 1/month",
                "15 · page_view url glob */pricing* · count 4 within 7d · cap 1/month"), values(table, "rule:binge"));
        assertEquals(List.of("10 · page_view url glob */pricing* · after form_submit formId glob case-study-* within 14d"
                        + " · cap 1/14d",
                "10 · page_view url glob */pricing* · after form_submit formId glob case-study-* within 21d"
                        + " · cap 1/21d"), values(table, "rule:then-pricing"));
        assertEquals(List.of("5 · click, form_submit any of (element equals book-demo; formId equals demo) and"
                        + " not (profile.jobTitle contains student)",
                "5 · click, form_submit any of (element equals book-demo; formId equals demo) and"
                        + " not (profile.jobTitle contains student)"), values(table, "rule:buying-click"));
        assertEquals(List.of(false, true), changed(table, "rule:binge"));
        assertEquals(List.of(false, false), changed(table, "rule:buying-click"));
    }

    private static Row row(RevisionComparison table, String key) {
        return table.rows().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    private static List<String> values(RevisionComparison table, String key) {
        return row(table, key).cells().stream().map(RevisionComparison.Cell::value).toList();
    }

    private static List<Boolean> changed(RevisionComparison table, String key) {
        return row(table, key).cells().stream().map(RevisionComparison.Cell::changed).toList();
    }
}
