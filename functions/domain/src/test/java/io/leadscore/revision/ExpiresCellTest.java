package io.leadscore.revision;

import io.leadscore.revision.RevisionComparison.Cell;
import io.leadscore.revision.RevisionComparison.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadscore.revision.ModelRevisionTest.AT;
import static io.leadscore.revision.ModelRevisionTest.defaultYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code expires:} in the revision table: part of the rule's cell, so a change of it is a changed cell. */
class ExpiresCellTest {

    @Test
    void aRuleGivenExpiryOrAnotherOneShowsAsAChangedCell() {
        String demoPage = "    cap: { times: 2, per: day }\n    journey: decision\n";
        ModelRevision first = ModelRevision.draft("default", 1, defaultYaml(), "seed", AT, null, null);
        ModelRevision expiring = ModelRevision.draft("default", 2, defaultYaml().replace(demoPage,
                demoPage + "    expires: 90d\n"), "ana", AT, null, 1);
        ModelRevision sooner = ModelRevision.draft("default", 3, defaultYaml().replace(demoPage,
                demoPage + "    expires: 4w\n"), "ana", AT, null, 2);
        ModelRevision same = ModelRevision.draft("default", 4, defaultYaml().replace(demoPage,
                demoPage + "    expires: 28d\n"), "ana", AT, null, 3);

        Row row = RevisionComparison.of(List.of(first, expiring, sooner, same)).rows().stream()
                .filter(r -> r.key().equals("rule:demo-page")).findFirst().orElseThrow();

        String demo = "10 · page_view url glob */demo* · cap 2/day · group platform · journey decision";
        assertEquals(List.of(demo, demo + " · expires 90d", demo + " · expires 28d", demo + " · expires 28d"),
                row.cells().stream().map(Cell::value).toList());
        assertEquals(List.of(false, true, true, false), row.cells().stream().map(Cell::changed).toList());
    }
}
