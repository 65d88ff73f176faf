package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.report.CalibrationReport.RulePoints;
import io.leadscore.report.CalibrationReport.StageLine;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.leadscore.report.CalibrationFactsTest.moved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The point calibration over the shipped model, its figures worked out by hand. */
class CalibrationReportTest {
    private static final ScoringModel MODEL = ModelLoader.defaultModel();

    /** The shipped model's tagged rules, by stage, in its order: what the report shows beside the averages. */
    private static final List<RulePoints> AWARENESS = List.of(new RulePoints("whitepaper-download", 10),
            new RulePoints("email-click", 3), new RulePoints("email-open", 1), new RulePoints("video-half-watched", 4));
    private static final List<RulePoints> CONSIDERATION = List.of(new RulePoints("analytics-product-page", 5),
            new RulePoints("case-study-page", 5), new RulePoints("webinar-registration", 8),
            new RulePoints("video-completed", 8));
    private static final List<RulePoints> DECISION = List.of(new RulePoints("pricing-page", 15),
            new RulePoints("demo-page", 10), new RulePoints("pricing-page-read", 5), new RulePoints("demo-request", 20), new RulePoints("sales-cta-click", 10));

    /**
     * Three MQLs with 4, 5 and 6 awareness, 2, 3 and 4 consideration, 4, 4 and 4 decision interactions: averages 5, 3
     * and 4; one of them won later with 7 awareness and 6 decision interactions. A lead never sales-ready counts for
     * neither.
     */
    private final CountReader counts = new MemoryCounts(List.of(
            moved(Lead.newLead("a"), Stage.MQL, Map.of("awareness", 4, "consideration", 2, "decision", 4), 1),
            moved(Lead.newLead("b"), Stage.MQL, Map.of("awareness", 5, "consideration", 3, "decision", 4), 2),
            moved(moved(Lead.newLead("c"), Stage.MQL, Map.of("awareness", 6, "consideration", 4, "decision", 4), 3),
                    Stage.WON, Map.of("awareness", 7, "decision", 6), 4),
            Lead.newLead("d").toBuilder().revision(1).journey(Map.of("awareness", 40)).build()));

    @Test
    void averagesFiveThreeAndFourWithAThresholdOfOneHundredSuggestAboutEightPointsPerInteraction() {
        CalibrationReport report = CalibrationReport.of(Stage.MQL, MODEL, counts);

        assertEquals(new CalibrationReport("mql", 100, 3, List.of(
                new StageLine("awareness", 5.0, AWARENESS),          // (4 + 5 + 6) / 3
                new StageLine("consideration", 3.0, CONSIDERATION),  // (2 + 3 + 4) / 3
                new StageLine("decision", 4.0, DECISION)),           // (4 + 4 + 4) / 3
                12.0,
                8.33,   // 100 / 12 = 8.333...
                7.5),   // (5 x 4.5 + 3 x 6.5 + 4 x 12) / 12 = 90 / 12 = 7.5: each stage's rules' mean points
                report);
        assertEquals(8, Math.round(report.suggestedPointsPerInteraction()), "about 8");
    }

    @Test
    void theWonCalibrationCountsTheWonLeadsInteractionsWhenItWon() {
        CalibrationReport report = CalibrationReport.of(Stage.WON, MODEL, counts);

        assertEquals(1, report.leads());
        assertEquals(List.of(7.0, 0.0, 6.0), report.stages().stream().map(StageLine::averageInteractions).toList());
        assertEquals(13.0, report.sumOfAverages());
        assertEquals(7.69, report.suggestedPointsPerInteraction()); // 100 / 13 = 7.692...
        // (7 x 4.5 + 0 x 6.5 + 6 x 12) / 13 = 103.5 / 13 = 7.961...
        assertEquals(7.96, report.currentPointsPerInteraction());
    }

    @Test
    void withNoLeadThereYetThereIsNothingToAverageOrSuggest() {
        CalibrationReport report = CalibrationReport.of(Stage.MQL, MODEL, new MemoryCounts(List.of()));

        assertEquals(0, report.leads());
        assertEquals(java.util.Arrays.asList(null, null, null),
                report.stages().stream().map(StageLine::averageInteractions).toList());
        assertEquals(null, report.sumOfAverages());
        assertEquals(null, report.suggestedPointsPerInteraction());
        assertEquals(null, report.currentPointsPerInteraction());
        assertThrows(IllegalArgumentException.class, () -> CalibrationReport.of(Stage.SQL, MODEL, counts));
    }

    @Test
    void goesToJsonInTheAgreedShape() throws Exception {
        var json = Json.mapper().readTree(Json.write(CalibrationReport.of(Stage.MQL, MODEL, counts)));

        assertEquals(List.of("reached", "threshold", "leads", "stages", "sumOfAverages",
                "suggestedPointsPerInteraction", "currentPointsPerInteraction"), fieldNames(json));
        assertEquals(List.of("stage", "averageInteractions", "rules"), fieldNames(json.at("/stages/0")));
        assertEquals("{\"rule\":\"whitepaper-download\",\"points\":10}", json.at("/stages/0/rules/0").toString());
        assertEquals(8.33, json.get("suggestedPointsPerInteraction").doubleValue());
    }

    @Test
    void csvHasOneRowPerStageEachWithTheReportsFigures() {
        String csv = CalibrationReport.of(Stage.MQL, MODEL, counts).toCsv();

        assertEquals("\uFEFFreached,threshold,leads,stage,averageInteractions,rules,sumOfAverages,"
                + "suggestedPointsPerInteraction,currentPointsPerInteraction\r\n"
                + "mql,100,3,awareness,5.0,whitepaper-download 10; email-click 3; email-open 1; video-half-watched 4,"
                + "12.0,8.33,7.5\r\n"
                + "mql,100,3,consideration,3.0,analytics-product-page 5; case-study-page 5; webinar-registration 8;"
                + " video-completed 8,12.0,8.33,7.5\r\n"
                + "mql,100,3,decision,4.0,pricing-page 15; demo-page 10; pricing-page-read 5; demo-request 20;"
                + " sales-cta-click 10,12.0,8.33,7.5\r\n", csv);
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
