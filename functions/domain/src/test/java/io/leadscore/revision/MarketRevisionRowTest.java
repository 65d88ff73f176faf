package io.leadscore.revision;

import io.leadscore.revision.RevisionComparison.Cell;
import io.leadscore.revision.RevisionComparison.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.leadscore.revision.ModelRevisionTest.AT;
import static io.leadscore.revision.ModelRevisionTest.defaultYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A market is a row of the revision table: its conditions, thresholds and multiplier in one cell. */
class MarketRevisionRowTest {
    private static final String EMEA = """
            markets:
              emea:
                when: { country: { in: [DE, FR, GB] } }
                thresholds: { salesReady: { points: 80, rearmBelow: 70 } }
                multiplier: %s
                notes: %s
            """;

    @Test
    void aMarketIsOneRowAfterTheGroupsAndAChangeIsAChangedCell() {
        ModelRevision none = ModelRevision.draft("default", 1, defaultYaml(), "seed", AT, null, null);
        ModelRevision added = revision(2, "1.25", "Europe engages less, per Ana");
        ModelRevision same = revision(3, "1.25", "still right");
        ModelRevision raised = revision(4, "1.5", "raised after the Q3 review");
        List<Row> rows = RevisionComparison.of(List.of(none, added, same, raised)).rows();
        Row emea = rows.stream().filter(r -> r.key().equals("market:emea")).findFirst().orElseThrow();

        String cell = "country in [DE, FR, GB] · salesReady 80 · rearm below 70 · x";
        assertEquals("market", emea.section());
        assertEquals("Market emea", emea.label());
        assertEquals(java.util.Arrays.asList(null, cell + "1.25", cell + "1.25", cell + "1.5"),
                emea.cells().stream().map(Cell::value).toList());
        assertEquals(List.of(false, true, false, true), emea.cells().stream().map(Cell::changed).toList());
        assertEquals("raised after the Q3 review", emea.cells().get(3).note());
        List<String> sections = rows.stream().map(Row::section).distinct().toList();
        assertEquals(sections.indexOf("group") + 1, sections.indexOf("market"));
    }

    @Test
    void aMarketWithoutAMultiplierShowsNoFactor() {
        ModelRevision plain = ModelRevision.draft("default", 1, defaultYaml() + """
                markets:
                  dach: { when: { country: { in: [DE, AT, CH] } } }
                """, "seed", AT, null, null);

        assertEquals("country in [DE, AT, CH]", RevisionComparison.of(List.of(plain)).rows().stream()
                .filter(r -> r.key().equals("market:dach")).findFirst().orElseThrow().cells().get(0).value());
    }

    private static ModelRevision revision(int number, String multiplier, String notes) {
        return ModelRevision.draft("default", number, defaultYaml() + EMEA.formatted(multiplier, notes), "ana", AT,
                null, number - 1);
    }
}
