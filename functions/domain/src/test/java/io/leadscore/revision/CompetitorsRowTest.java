package io.leadscore.revision;

import io.leadscore.revision.RevisionComparison.Cell;
import io.leadscore.revision.RevisionComparison.Row;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.leadscore.revision.ModelRevisionTest.AT;
import static io.leadscore.revision.ModelRevisionTest.defaultYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The competitor list is a row of the revision table: added, changed and removed like any setting. */
class CompetitorsRowTest {
    private static final String LISTED = """
            competitors:
              when: { any: [{ company: { in: [Globex, Initech] } }, { email: { regex: "@(globex|initech)\\\\.com$" } }] }
              notes: They read our pricing to undercut it.
            """;

    @Test
    void addingChangingAndRemovingCompetitorsAreChangedCells() {
        ModelRevision none = revision(1, defaultYaml(), null);
        ModelRevision listed = revision(2, defaultYaml() + LISTED, 1);
        ModelRevision more = revision(3, defaultYaml() + LISTED.replace("Globex, Initech", "Globex, Initech, Hooli"), 2);
        ModelRevision same = revision(4, defaultYaml() + LISTED.replace("Globex, Initech", "Globex, Initech, Hooli"), 3);
        ModelRevision dropped = revision(5, defaultYaml(), 4);

        RevisionComparison table = RevisionComparison.of(List.of(none, listed, more, same, dropped));
        Row row = table.rows().stream().filter(r -> r.key().equals("competitors")).findFirst().orElseThrow();

        String two = "any of (company in [Globex, Initech]; email regex @(globex|initech)\\.com$)";
        String three = "any of (company in [Globex, Initech, Hooli]; email regex @(globex|initech)\\.com$)";
        assertEquals(Arrays.asList(null, two, three, three, null), row.cells().stream().map(Cell::value).toList());
        assertEquals(List.of(false, true, true, false, true), row.cells().stream().map(Cell::changed).toList());
        assertEquals("They read our pricing to undercut it.", row.cells().get(1).note());
        assertEquals("competitors", row.section());
        assertEquals("Competitors", row.label());
        List<String> keys = table.rows().stream().map(Row::key).toList();
        assertEquals(keys.indexOf("fit:free-mail") + 1, keys.indexOf("competitors"), "after the fit rules it undoes");
        assertTrue(table.toCsv().contains("\r\ncompetitors,competitors,Competitors,,\"" + two + " *\",\"" + three
                + " *\",\"" + three + "\",(removed) *,"), table.toCsv());
    }

    private static ModelRevision revision(int number, String yaml, Integer parent) {
        return ModelRevision.draft("default", number, yaml, "ana", AT, null, parent);
    }
}
