package io.leadscore.revision;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.BacktestReport.AtOrAbove;
import io.leadscore.revision.BacktestReport.Bucket;
import io.leadscore.revision.BacktestReport.ChangedLead;
import io.leadscore.revision.BacktestReport.Figures;
import io.leadscore.revision.BacktestReport.RuleDifference;
import io.leadscore.revision.BacktestReport.RuleFigures;
import io.leadscore.revision.BacktestReport.Summary;
import io.leadscore.revision.BacktestReport.WeekCrossings;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.leadscore.revision.Histories.DAY;
import static io.leadscore.revision.Histories.T0;
import static io.leadscore.revision.Histories.pageView;
import static io.leadscore.revision.RescorerTest.DANA;
import static io.leadscore.revision.RescorerTest.FIRST;
import static io.leadscore.revision.RescorerTest.second;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backtest: every lead's history under the published revision and under a candidate, added up. */
class BacktestReportTest {
    /** The pricing page down from 15 to 5 points. */
    static final ScoringModel CHEAPER_PRICING = second("points: 15\n    group: platform", "points: 5\n    group: platform");
    static final Instant NOW = T0.plus(DAY);
    /** Two whole ISO weeks from Monday 1 June. */
    static final Instant WINDOW_END = Instant.parse("2026-06-15T00:00:00Z");

    /** Dana reaches 100 (sales-ready) in a morning; Eve views pricing once (15); Fay reads the blog (0). */
    static final Map<String, List<Activity>> THREE = threeLeads();

    private static Map<String, List<Activity>> threeLeads() {
        Map<String, List<Activity>> leads = new LinkedHashMap<>();
        leads.put("dana", DANA);
        leads.put("eve", List.of(pageView("eve", "/blog/a", T0), pageView("eve", "/pricing", T0.plusSeconds(60))));
        leads.put("fay", List.of(pageView("fay", "/blog/b", T0)));
        return leads;
    }

    static BacktestReport report(Map<String, List<Activity>> leads) {
        BacktestReport report = new BacktestReport(FIRST, CHEAPER_PRICING, T0, WINDOW_END, 10);
        leads.forEach((lead, history) -> report.add(lead, history, List.of(), NOW));
        return report;
    }

    private final Summary summary = report(THREE).summary();

    @Test
    void countsLeadsAndNamesBothRevisionsAndTheWindow() {
        assertEquals(3, summary.leads());
        assertEquals(1, summary.baseline().revision());
        assertEquals(2, summary.candidate().revision());
        assertEquals(T0, summary.window().from());
        assertEquals(WINDOW_END, summary.window().to());
    }

    @Test
    void histogramOfTheEndScoresWithEveryBucketBetween() {
        assertEquals(10, summary.histogram().bucketSize());
        List<Bucket> buckets = summary.histogram().buckets();
        assertEquals(IntStream.rangeClosed(0, 10).map(i -> i * 10).boxed().toList(),
                buckets.stream().map(Bucket::from).toList());
        assertEquals(new Bucket(0, 1, 2), buckets.get(0), "Fay; and Eve at 5 under the candidate");
        assertEquals(new Bucket(10, 1, 0), buckets.get(1), "Eve at 15");
        assertEquals(new Bucket(70, 0, 1), buckets.get(7), "Dana at 70 under the candidate");
        assertEquals(new Bucket(100, 1, 0), buckets.get(10), "Dana at 100");
    }

    @Test
    void leadsAtOrAboveEachThresholdAtTheEnd() {
        assertEquals(List.of(new AtOrAbove("salesReady", null, 100, 100, 1L, 0L),
                new AtOrAbove("hot", null, 150, 150, 0L, 0L),
                new AtOrAbove("salesReady", "platform", 80, 80, 0L, 0L),
                new AtOrAbove("salesReady", "analytics", 60, 60, 0L, 0L)), summary.atOrAbove());
    }

    @Test
    void eachModelIsHeldToItsOwnLineAndAThresholdOnlyOneHasCountsOnlyThere() {
        ScoringModel candidate = RescorerTest.revision(2, ModelRevisionTest.defaultYaml()
                .replace("salesReady: { points: 100, rearmBelow: 90 }", "salesReady: 70")
                .replace("  hot: 150\n", "  warm: 10\n"));
        BacktestReport report = new BacktestReport(FIRST, candidate, null, null, 10);
        THREE.forEach((lead, history) -> report.add(lead, history, List.of(), NOW));

        assertEquals(List.of(new AtOrAbove("salesReady", null, 70, 100, 1L, 1L),
                new AtOrAbove("warm", null, 10, null, null, 2L),
                new AtOrAbove("hot", null, 150, 150, 0L, null)), report.summary().atOrAbove().subList(0, 3));
    }

    @Test
    void qualificationsPerIsoWeekWithinTheWindow() {
        assertEquals(List.of(new WeekCrossings("2026-W23", 1, 0), new WeekCrossings("2026-W24", 0, 0)),
                summary.crossingsPerWeek(), "Dana qualified on Monday 1 June under the baseline only");

        BacktestReport later = new BacktestReport(FIRST, CHEAPER_PRICING, T0.plus(DAY), WINDOW_END, 10);
        THREE.forEach((lead, history) -> later.add(lead, history, List.of(), NOW));
        assertTrue(later.summary().crossingsPerWeek().stream().allMatch(w -> w.baseline() == 0 && w.candidate() == 0),
                "before the window: not counted");
        assertEquals("2027-W53".length(), BacktestReport.week(Instant.parse("2027-01-01T00:00:00Z")).length());
        assertEquals("2026-W53", BacktestReport.week(Instant.parse("2027-01-01T00:00:00Z")),
                "ISO weeks: 1 January 2027 is in 2026's last week");
    }

    @Test
    void firingsAndPointsPerRuleEveryRuleListed() {
        RuleFigures pricing = rule(summary, "pricing-page");
        assertEquals(new RuleFigures("pricing-page", new Figures(4, 60), new Figures(4, 20)), pricing);
        assertEquals(new RuleFigures("careers-page", new Figures(0, 0), new Figures(0, 0)), rule(summary, "careers-page"),
                "a rule that never fires is worth knowing about");
        assertEquals(new Figures(1, 10), rule(summary, "target-industry").baseline());
    }

    @Test
    void theQualificationsThatChangeWithTheRulesThatMakeTheDifference() {
        assertEquals(1, summary.changed().count());
        assertEquals(List.of(new ChangedLead("dana", "salesReady", true, false, 100, 70,
                List.of(new RuleDifference("pricing-page", 45, 15)))), summary.changed().leads());
    }

    @Test
    void partsMergeIntoTheReportOfTheWhole() {
        Map<String, List<Activity>> first = new LinkedHashMap<>(THREE);
        Map<String, List<Activity>> second = Map.of("fay", first.remove("fay"));
        BacktestReport merged = report(first);
        merged.merge(report(second));
        merged.merge(new BacktestReport(FIRST, CHEAPER_PRICING, T0, WINDOW_END, 10));

        assertEquals(summary, merged.summary());
    }

    @Test
    void aPartialReportIsStoredAsPlainDataAndReadBackAsDynamoDbGivesNumbers() {
        BacktestReport part = report(THREE);

        Map<String, Object> stored = decimals(part.state());
        BacktestReport back = BacktestReport.fromState(stored, FIRST, CHEAPER_PRICING);

        assertEquals(summary, back.summary());
        back.merge(report(THREE));
        assertEquals(6, back.summary().leads());
        assertEquals(2, back.summary().changed().count());
        assertEquals(1, back.summary().changed().leads().size(), "the same lead twice is one listed entry");
    }

    @Test
    void theStateOfOtherRevisionsOrAnotherWindowIsRefused() {
        Map<String, Object> state = report(THREE).state();
        assertThrows(IllegalArgumentException.class, () -> BacktestReport.fromState(state, CHEAPER_PRICING, FIRST));
        assertThrows(IllegalArgumentException.class, () -> report(THREE).merge(
                new BacktestReport(FIRST, CHEAPER_PRICING, T0, WINDOW_END.plus(DAY), 10)));
        assertThrows(IllegalArgumentException.class, () -> new BacktestReport(FIRST, FIRST, WINDOW_END, T0, 10));
        assertThrows(IllegalArgumentException.class, () -> new BacktestReport(FIRST, FIRST, null, null, 0));
    }

    /**
     * 150 leads who view pricing once to six times: none sales-ready at 100 under the baseline; the candidate pays
     * 20 for pricing and calls a lead sales-ready at 10, so every one qualifies, and those with four or five views
     * also reach the platform group's 80 (which six views reached before).
     */
    static Map<String, List<Activity>> manyLeads(String idPrefix) {
        Map<String, List<Activity>> leads = new LinkedHashMap<>();
        for (int k = 0; k < 150; k++) {
            String lead = idPrefix + k;
            List<Activity> views = new ArrayList<>();
            for (int v = 0; v <= k % 6; v++) {
                views.add(pageView(lead, "/pricing", T0.plus(DAY.multipliedBy(v))));
            }
            leads.put(lead, views);
        }
        return leads;
    }

    static final ScoringModel GENEROUS = RescorerTest.revision(2, ModelRevisionTest.defaultYaml()
            .replace("salesReady: { points: 100, rearmBelow: 90 }", "salesReady: 10")
            .replace("points: 15\n    group: platform", "points: 20\n    group: platform"));

    @Test
    void atMostAHundredChangedAreListedTheLargestDifferencesFirstAllCounted() {
        Instant now = T0.plus(DAY.multipliedBy(7));
        BacktestReport whole = new BacktestReport(FIRST, GENEROUS, null, null, 25);
        List<BacktestReport> parts = List.of(new BacktestReport(FIRST, GENEROUS, null, null, 25),
                new BacktestReport(FIRST, GENEROUS, null, null, 25), new BacktestReport(FIRST, GENEROUS, null, null, 25));
        int[] i = {0};
        manyLeads("lead-").forEach((lead, history) -> {
            whole.add(lead, history, List.of(), now);
            parts.get(i[0]++ % 3).add(lead, history, List.of(), now);
        });

        Summary summary = whole.summary();
        assertEquals(150 + 50, summary.changed().count());
        assertEquals(BacktestReport.LISTED, summary.changed().leads().size());
        assertTrue(summary.changed().leads().stream().allMatch(c -> c.scoreCandidate() - c.scoreBaseline() >= 15),
                "three views or more: a difference of 15 or more");
        assertEquals(30, summary.changed().leads().get(0).scoreCandidate() - summary.changed().leads().get(0).scoreBaseline());
        BacktestReport merged = BacktestReport.fromState(decimals(parts.get(0).state()), FIRST, GENEROUS);
        merged.merge(BacktestReport.fromState(decimals(parts.get(1).state()), FIRST, GENEROUS));
        merged.merge(parts.get(2));
        assertEquals(summary, merged.summary(), "the list a single pass makes");
    }

    @Test
    void aSegmentsStateFitsAnItemEvenWithLongIdsAndAThreeYearWindow() {
        BacktestReport report = new BacktestReport(FIRST, GENEROUS, T0.minus(DAY.multipliedBy(3 * 365)), NOW, 1);
        manyLeads("x".repeat(250) + "@example.com/").forEach((lead, history) -> report.add(lead, history, List.of(), NOW));

        int bytes = Json.write(report.state()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(bytes < 300_000, bytes + " bytes");
        assertTrue(bytes > 30_000, "the listed leads are in it: " + bytes);
    }

    @Test
    void summaryGoesToJsonInTheAgreedShape() {
        JsonNode json = Json.mapper().valueToTree(summary);

        assertEquals(List.of("leads", "window", "baseline", "candidate", "histogram", "atOrAbove", "crossingsPerWeek",
                "rules", "changed"), names(json));
        assertEquals(T0.toString(), json.get("window").get("from").asText());
        assertEquals(1, json.get("baseline").get("revision").asInt());
        assertEquals(List.of("from", "baseline", "candidate"), names(json.get("histogram").get("buckets").get(0)));
        assertTrue(json.get("atOrAbove").get(0).get("group").isNull());
        assertEquals(List.of("week", "baseline", "candidate"), names(json.get("crossingsPerWeek").get(0)));
        assertEquals(List.of("firings", "points"), names(json.get("rules").get(0).get("baseline")));
        JsonNode changed = json.get("changed").get("leads").get(0);
        assertEquals(List.of("leadId", "threshold", "baseline", "candidate", "scoreBaseline", "scoreCandidate", "rules"),
                names(changed));
        assertEquals(List.of("rule", "baseline", "candidate"), names(changed.get("rules").get(0)));
    }

    @Test
    void csvHasEachSectionInTurnAndReadsBackInASpreadsheetsParser() throws Exception {
        String csv = report(THREE).toCsv();
        List<List<String>> lines = RevisionComparisonTest.parse(csv);

        assertTrue(csv.startsWith("\uFEFFsummary\r\n"));
        List<String> titles = List.of("summary", "histogram", "at or above", "crossings per week", "rules",
                "changed qualifications");
        assertEquals(titles, lines.stream().filter(l -> l.size() == 1 && titles.contains(l.get(0))).map(l -> l.get(0))
                .toList());
        assertEquals(List.of("3", T0.toString(), WINDOW_END.toString(), "1", "2", "1"), lines.get(2));
        assertEquals(List.of("salesReady", "", "100", "100", "1", "0"), after(lines, "at or above", 2));
        assertEquals(List.of("2026-W23", "1", "0"), after(lines, "crossings per week", 2));
        assertEquals(List.of("dana", "salesReady", "true", "false", "100", "70", "pricing-page 45 -> 15"),
                after(lines, "changed qualifications", 2));
    }

    private static List<String> after(List<List<String>> lines, String title, int offset) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(List.of(title))) {
                return lines.get(i + offset);
            }
        }
        throw new AssertionError("no section " + title);
    }

    private static RuleFigures rule(Summary summary, String rule) {
        return summary.rules().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** What a DynamoDB item gives back: every number a decimal. */
    @SuppressWarnings("unchecked")
    static <T> T decimals(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, decimals(v)));
            return (T) copy;
        } else if (value instanceof List<?> list) {
            return (T) list.stream().map(BacktestReportTest::decimals).toList();
        } else if (value instanceof Number n) {
            return (T) new BigDecimal(n.toString());
        }
        return value;
    }
}
