package io.leadscore.report;

import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.ScoringModel;
import io.leadscore.model.Threshold;
import io.leadscore.support.CsvTable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The point calibration: among the leads that became sales-ready (or won), how many interactions of each buyer-journey
 * stage they had on average when they first got there, and the points per interaction that would take the average
 * such lead exactly to the sales-ready threshold (threshold / sum of the averages), beside what the tagged rules give
 * today. Averages 5, 3 and 4 with a threshold of 100 suggest 100 / 12 = 8.33 points per interaction.
 *
 * @param threshold                     the model's sales-ready points; null when it has none
 * @param sumOfAverages                 null when no lead got there
 * @param suggestedPointsPerInteraction null when no lead got there, none had an interaction, or there is no threshold
 * @param currentPointsPerInteraction   what an interaction of the average lead earns today: each stage's rules'
 *                                      mean points weighted by the stage's average; null when nothing to weigh
 */
public record CalibrationReport(String reached, Integer threshold, long leads, List<StageLine> stages,
                                Double sumOfAverages, Double suggestedPointsPerInteraction,
                                Double currentPointsPerInteraction) {

    /** A journey stage the model declares, its average interactions (null with no leads) and its rules today. */
    public record StageLine(String stage, Double averageInteractions, List<RulePoints> rules) {
    }

    public record RulePoints(String rule, int points) {
    }

    public CalibrationReport {
        stages = List.copyOf(stages);
    }

    /** The calibration over the leads that reached {@code reached} (MQL or won), under the model in force. */
    public static CalibrationReport of(Stage reached, ScoringModel model, CountReader counters) {
        if (!StageChange.COUNTED.contains(reached)) {
            throw new IllegalArgumentException("the calibration counts MQL and won leads, not " + reached.label());
        }
        Map<String, Long> counted = counters.totals(CalibrationFacts.FAMILY)
                .getOrDefault(CalibrationFacts.item(reached), Map.of());
        long leads = counted.getOrDefault(ScoringModel.JOURNEY_LEADS, 0L);
        List<StageLine> stages = new ArrayList<>();
        double sum = 0;
        double weightedPoints = 0;
        double weights = 0;
        for (String stage : model.journeyStages()) {
            List<RulePoints> rules = model.rules().stream().filter(rule -> stage.equals(rule.journey()))
                    .map(rule -> new RulePoints(rule.id(), rule.points())).toList();
            double average = leads == 0 ? 0 : (double) counted.getOrDefault(stage, 0L) / leads;
            sum += average;
            if (!rules.isEmpty()) {
                weightedPoints += average * rules.stream().mapToInt(RulePoints::points).average().orElseThrow();
                weights += average;
            }
            stages.add(new StageLine(stage, leads == 0 ? null : rounded(average), rules));
        }
        Integer threshold = model.salesReady().map(Threshold::points).orElse(null);
        boolean interactions = leads > 0 && sum > 0;
        return new CalibrationReport(reached.label(), threshold, leads, stages, leads == 0 ? null : rounded(sum),
                interactions && threshold != null ? rounded(threshold / sum) : null,
                weights > 0 ? rounded(weightedPoints / weights) : null);
    }

    /**
     * A spreadsheet's CSV (UTF-8 with a byte order mark, CRLF): one row per journey stage, its rules as
     * {@code rule points} joined by {@code ; }, each row carrying the report's figures so it reads on its own.
     */
    public String toCsv() {
        CsvTable csv = new CsvTable().row("reached", "threshold", "leads", "stage", "averageInteractions", "rules",
                "sumOfAverages", "suggestedPointsPerInteraction", "currentPointsPerInteraction");
        for (StageLine line : stages) {
            csv.row(reached, threshold, leads, line.stage(), line.averageInteractions(),
                    String.join("; ", line.rules().stream().map(r -> r.rule() + " " + r.points()).toList()),
                    sumOfAverages, suggestedPointsPerInteraction, currentPointsPerInteraction);
        }
        return csv.toString();
    }

    /** Two decimals, as a marketer reads them: 8.33 points, 4.5 interactions. */
    private static double rounded(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
