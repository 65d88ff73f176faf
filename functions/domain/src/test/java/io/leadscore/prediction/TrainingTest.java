package io.leadscore.prediction;

import io.leadscore.revision.ModelRevision;
import io.leadscore.prediction.TrainingReport.FeatureEffect;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training on synthetic leads whose conversion follows known rules, and on leads whose conversion follows none. */
class TrainingTest {
    static final ModelRevision PUBLISHED = ModelRevision.draft("learn", 1, Journeys.YAML, "marketing",
            Instant.parse("2026-01-01T00:00:00Z"), null, null);

    @Test
    void recoversTheRulesThatDriveConversionWithTheirSigns() {
        TrainingResult result = Training.run(PUBLISHED, SyntheticLeads.of(7, 500, true), new GradientDescent(),
                new Criterion(Criterion.Kind.F1, 20));
        TrainingReport report = result.report();

        assertTrue(report.auc() >= 0.8, "held-out AUC " + report.auc());
        assertFalse(report.foundNothing(), report.finding());
        // Each rule's strongest feature, in the order of the report: the three that drive conversion come first.
        Map<String, Double> byRule = new LinkedHashMap<>();
        for (FeatureEffect effect : report.topFeatures()) {
            if (effect.feature().startsWith("rule:")) {
                byRule.putIfAbsent(effect.feature().split(":")[1], effect.effect());
            }
        }
        assertEquals(List.of("demo-request", "pricing-page", "careers-page"),
                new ArrayList<>(byRule.keySet()).subList(0, 3), report.topFeatures().toString());
        assertTrue(byRule.get("demo-request") > 0);
        assertTrue(byRule.get("pricing-page") > 0);
        assertTrue(byRule.get("careers-page") < 0);
        assertNotNull(result.draftYaml());
    }

    @Test
    void findsNothingWhereConversionFollowsNoSignal() {
        TrainingResult result = Training.run(PUBLISHED, SyntheticLeads.of(7, 500, false), new GradientDescent(),
                new Criterion(Criterion.Kind.F1, null));
        TrainingReport report = result.report();

        assertEquals(0.5, report.auc(), 0.08);
        assertTrue(report.foundNothing());
        assertTrue(report.finding().startsWith("The model found nothing: held-out AUC"), report.finding());
        assertNull(result.draftYaml());
    }

    @Test
    void aSplitThatLeavesAPeriodEmptyIsRefusedNamingIt() {
        TrainingData data = new TrainingData(Journeys.MODEL, new TrainingPlan(SyntheticLeads.PLAN.label(),
                SyntheticLeads.PLAN.horizon(), Journeys.day(1), SyntheticLeads.PLAN.now(), SyntheticLeads.PLAN.every()));
        SyntheticLeads.leads(7, 20, true).forEach(lead -> data.add(lead.id(), null, lead.history(), lead.verdicts()));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Training.run(PUBLISHED, data, new GradientDescent(), new Criterion(Criterion.Kind.F1, null)));
        assertTrue(refused.getMessage().startsWith("splitAt: 2026-01-06T09:00:00Z leaves 0 training and "),
                refused.getMessage());
    }
}
