package io.leadscore.revision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.leadscore.revision.RevisionComparison.Cell;
import io.leadscore.revision.RevisionComparison.Row;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static io.leadscore.revision.ModelRevisionTest.AT;
import static io.leadscore.revision.ModelRevisionTest.defaultYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The revision table: what marketers keep in a spreadsheet, one column per revision. */
class RevisionComparisonTest {
    static final String PRICING =
            "15 · page_view url glob */pricing* · cap 3/day · group platform · journey decision";

    /** Revision 2 of the shipped model: a review with sales. */
    static String secondReview() {
        return defaultYaml()
                .replace("    notes: Sales calls pricing visits the strongest signal short of a demo request.\n"
                                + "    event: page_view\n    when: { url: { glob: \"*/pricing*\" } }\n    points: 15\n",
                        "    notes: \"Lowered: \\\"pricing tourists\\\", per Ana, Q3\"\n"
                                + "    event: page_view\n    when: { url: { glob: \"*/pricing*\" } }\n    points: 10\n")
                .replace("  - id: careers-page\n"
                        + "    description: Looked at job openings (likely a job seeker, not a buyer)\n"
                        + "    event: page_view\n"
                        + "    when: { url: { glob: \"*/careers*\" } }\n"
                        + "    points: -10\n"
                        + "    cap: { times: 1, per: ever }\n", "")
                .replace("  - id: analytics-product-page\n", "  - id: integration-docs\n"
                        + "    description: Read the integration docs\n"
                        + "    event: page_view\n"
                        + "    when: { url: { glob: \"*/docs/integrations*\" } }\n"
                        + "    points: 5\n"
                        + "    notes: \"=new in Q3,\\nfrom the SE team\"\n"
                        + "  - id: analytics-product-page\n")
                .replace("salesReady: { points: 100, rearmBelow: 90 }",
                        "salesReady: { points: 90, rearmBelow: 80, notes: Sales wants them earlier }")
                .replace("by: 10%", "by: 15%");
    }

    static final ModelRevision FIRST = ModelRevision.draft("default", 1, defaultYaml(), "seed", AT, null, null);
    static final ModelRevision SECOND = ModelRevision.draft("default", 2, secondReview(), "ana", AT, null, 1);
    static final ModelRevision THIRD = ModelRevision.draft("default", 3, secondReview(), "ana", AT, "no change", 2);

    private final RevisionComparison table = RevisionComparison.of(List.of(FIRST, SECOND, THIRD));

    @Test
    void hasOneColumnPerRevisionInTheOrderGiven() {
        assertEquals("default", table.modelId());
        assertEquals(List.of(1, 2, 3), table.revisions());
        assertEquals(List.of(3, 1), RevisionComparison.of(List.of(THIRD, FIRST)).revisions());
        assertTrue(table.rows().stream().allMatch(row -> row.cells().stream().map(Cell::revision).toList()
                .equals(List.of(1, 2, 3))));
    }

    @Test
    void aChangedRuleIsMarkedInTheColumnThatChangedItWithItsNotes() {
        Row pricing = row("rule:pricing-page");

        assertEquals("rule", pricing.section());
        assertEquals("Viewed the pricing page", pricing.label());
        assertEquals(new Cell(1, PRICING, false,
                "Sales calls pricing visits the strongest signal short of a demo request."), pricing.cells().get(0));
        assertEquals(new Cell(2, PRICING.replace("15", "10"), true, "Lowered: \"pricing tourists\", per Ana, Q3"),
                pricing.cells().get(1));
        assertFalse(pricing.cells().get(2).changed(), "the same as the column before");
    }

    @Test
    void aRemovedRuleIsAbsentFromTheRevisionThatRemovedIt() {
        Row careers = row("rule:careers-page");

        assertEquals("-10 · page_view url glob */careers* · cap 1/ever", careers.cells().get(0).value());
        assertNull(careers.cells().get(1).value());
        assertTrue(careers.cells().get(1).changed());
        assertNull(careers.cells().get(2).value());
        assertFalse(careers.cells().get(2).changed());
    }

    @Test
    void anAddedRuleAppearsBesideTheRuleItFollows() {
        Row docs = row("rule:integration-docs");

        assertNull(docs.cells().get(0).value());
        assertFalse(docs.cells().get(0).changed());
        assertEquals(new Cell(2, "5 · page_view url glob */docs/integrations*", true, "=new in Q3,\nfrom the SE team"),
                docs.cells().get(1));
        List<String> keys = table.rows().stream().map(Row::key).toList();
        assertEquals(keys.indexOf("rule:demo-page") + 1, keys.indexOf("rule:integration-docs"));
        assertEquals(keys.indexOf("rule:case-study-page") + 1, keys.indexOf("rule:careers-page"),
                "a removed rule stays where it was");
    }

    @Test
    void changedThresholdsAndDecayAreMarkedAndGroupsThatInheritTheDecayToo() {
        Row salesReady = row("threshold:salesReady");
        assertEquals(List.of("100 · rearm below 90", "90 · rearm below 80", "90 · rearm below 80"), values(salesReady));
        assertEquals(List.of(false, true, false), changed(salesReady));
        assertEquals("Sales wants them earlier", salesReady.cells().get(1).note());
        assertEquals(List.of("150", "150", "150"), values(row("threshold:hot")));
        assertEquals(List.of(false, false, false), changed(row("threshold:hot")));

        assertEquals(List.of("-10%/week after 30d, floor 50%", "-15%/week after 30d, floor 50%",
                "-15%/week after 30d, floor 50%"), values(row("decay")));
        assertEquals(List.of(false, true, false), changed(row("decay")));
        assertEquals("cap 150 · salesReady 80 · decay -15%/week after 30d, floor 50%",
                row("group:platform").cells().get(1).value());
        assertEquals("Platform", row("group:platform").label());
        assertEquals(List.of(false, true, false), changed(row("group:platform")));
    }

    @Test
    void everySettingThatScoresHasARowInTheAgreedSectionOrder() {
        List<String> sections = table.rows().stream().map(Row::section).distinct().toList();
        assertEquals(List.of("rule", "fit", "grades", "threshold", "group", "decay", "cold", "account"), sections);

        assertEquals("5 · jobTitle regex \\b(vp|vice president|director|head|chief|c[eft]o)\\b",
                row("fit:title-decision-maker").cells().get(0).value());
        assertEquals("10 · companySize atLeast 50, atMost 5000", row("fit:company-size-fit").cells().get(0).value());
        assertEquals("after 45d without a score increase", row("cold").cells().get(0).value());
        assertEquals("sum", row("account:aggregate").cells().get(0).value());
        assertEquals("20", row("account:engagedAt").cells().get(0).value());
        assertEquals("200 · rearm below 170 · 2 roles", row("account:threshold:salesReady").cells().get(0).value());
        assertTrue(row("account:role:decisionMaker").cells().get(0).value().startsWith("jobTitle regex (?i)"));
        assertEquals("3 · email_click · cap 1/ever per campaign · journey awareness",
                row("rule:email-click").cells().get(0).value());
    }

    @Test
    void changedFitGradesShowAsAChangedCell() {
        ModelRevision stricter = ModelRevision.draft("default", 2,
                defaultYaml().replace("grades: { A: 40, B: 30, C: 20, D: 10 }", "grades: { A: 50, B: 30 }"),
                "ana", AT, null, 1);
        ModelRevision none = ModelRevision.draft("default", 3,
                defaultYaml().replace("grades: { A: 40, B: 30, C: 20, D: 10 }", ""), "ana", AT, null, 2);
        Row grades = RevisionComparison.of(List.of(FIRST, stricter, none)).rows().stream()
                .filter(r -> r.key().equals("grades")).findFirst().orElseThrow();

        assertEquals(List.of("A 40 · B 30 · C 20 · D 10", "A 50 · B 30", "none"), values(grades));
        assertEquals(List.of(false, true, true), changed(grades));
        assertEquals("Fit grades", grades.label());
    }

    @Test
    void aRuleMovedToAnotherJourneyStageOrUntaggedShowsAsAChangedCell() {
        String demoPage = "    cap: { times: 2, per: day }\n    journey: decision\n";
        ModelRevision moved = ModelRevision.draft("default", 2, defaultYaml().replace(demoPage,
                "    cap: { times: 2, per: day }\n    journey: consideration\n"), "ana", AT, null, 1);
        ModelRevision untagged = ModelRevision.draft("default", 3, defaultYaml().replace(demoPage,
                "    cap: { times: 2, per: day }\n"), "ana", AT, null, 2);
        Row row = RevisionComparison.of(List.of(FIRST, moved, untagged)).rows().stream()
                .filter(r -> r.key().equals("rule:demo-page")).findFirst().orElseThrow();

        String demo = "10 · page_view url glob */demo* · cap 2/day · group platform";
        assertEquals(List.of(demo + " · journey decision", demo + " · journey consideration", demo), values(row));
        assertEquals(List.of(false, true, true), changed(row));
    }

    @Test
    void refusesNothingToCompareAndRevisionsOfTwoModels() {
        assertThrows(IllegalArgumentException.class, () -> RevisionComparison.of(List.of()));
        ModelRevision other = ModelRevision.draft("emea", 1, defaultYaml().replace("model: default", "model: emea"),
                "x", AT, null, null);
        assertThrows(IllegalArgumentException.class, () -> RevisionComparison.of(List.of(FIRST, other)));
    }

    @Test
    void goesToJsonInTheAgreedShape() {
        JsonNode json = Json.mapper().valueToTree(table);

        assertEquals("default", json.get("modelId").asText());
        assertEquals(3, json.get("revisions").size());
        JsonNode careers = json.get("rows").findParents("key").stream()
                .filter(r -> r.get("key").asText().equals("rule:careers-page")).findFirst().orElseThrow();
        assertEquals("rule", careers.get("section").asText());
        assertTrue(careers.get("cells").get(1).get("value").isNull());
        assertTrue(careers.get("cells").get(1).get("changed").asBoolean());
        assertTrue(careers.get("cells").get(1).has("note"));
        assertEquals(2, careers.get("cells").get(1).get("revision").asInt());
    }

    @Test
    void csvHasTheAgreedHeaderCrlfLineEndsAndAByteOrderMark() {
        String csv = table.toCsv();

        assertTrue(csv.startsWith("\uFEFFsection,key,label,r1,r2,r3,notes r1,notes r2,notes r3\r\n"),
                csv.substring(0, 80));
        assertTrue(csv.endsWith("\r\n"));
        assertEquals("\n\n", csv.replace("\r\n", "").replaceAll("[^\r\n]", ""),
                "every line ends with CRLF; the LFs left are the line break inside a note, kept in r2 and r3");
    }

    @Test
    void csvReadsBackCellForCellInASpreadsheetsParser() throws Exception {
        List<List<String>> lines = parse(table.toCsv());

        assertEquals(List.of("section", "key", "label", "r1", "r2", "r3", "notes r1", "notes r2", "notes r3"),
                lines.get(0));
        assertEquals(table.rows().size() + 1, lines.size());
        assertTrue(lines.stream().allMatch(line -> line.size() == 9), "as many fields on every line");
        List<String> pricing = line(lines, "rule:pricing-page");
        assertEquals(List.of("rule", "rule:pricing-page", "Viewed the pricing page", PRICING,
                PRICING.replace("15", "10") + " *", PRICING.replace("15", "10"),
                "Sales calls pricing visits the strongest signal short of a demo request.",
                "Lowered: \"pricing tourists\", per Ana, Q3", "Lowered: \"pricing tourists\", per Ana, Q3"), pricing);
        assertEquals(List.of("", "5 · page_view url glob */docs/integrations* *", "5 · page_view url glob */docs/integrations*"),
                line(lines, "rule:integration-docs").subList(3, 6));
        assertEquals("'=new in Q3,\nfrom the SE team", line(lines, "rule:integration-docs").get(7),
                "a note that looks like a formula is kept as text; its comma and line break survive");
        assertEquals(List.of("-10 · page_view url glob */careers* · cap 1/ever", "(removed) *", ""),
                line(lines, "rule:careers-page").subList(3, 6), "a negative number is still a number");
    }

    @Test
    void aSingleRevisionIsATableWithNothingChanged() throws Exception {
        RevisionComparison one = RevisionComparison.of(List.of(SECOND));

        assertTrue(one.rows().stream().flatMap(r -> r.cells().stream()).noneMatch(Cell::changed));
        List<List<String>> lines = parse(one.toCsv());
        for (int i = 0; i < one.rows().size(); i++) {
            assertEquals(Objects.toString(one.rows().get(i).cells().get(0).value(), ""), lines.get(i + 1).get(3),
                    "unmarked");
        }
        assertEquals(List.of("rule:integration-docs"), one.rows().stream().map(Row::key)
                .filter(k -> k.contains("docs")).toList());
    }

    static List<List<String>> parse(String csv) throws Exception {
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class)
                .readValues(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            return rows.readAll();
        }
    }

    private static List<String> line(List<List<String>> lines, String key) {
        return lines.stream().filter(l -> l.get(1).equals(key)).findFirst().orElseThrow();
    }

    private Row row(String key) {
        return table.rows().stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + key));
    }

    private static List<String> values(Row row) {
        return row.cells().stream().map(Cell::value).toList();
    }

    private static List<Boolean> changed(Row row) {
        return row.cells().stream().map(Cell::changed).toList();
    }
}
