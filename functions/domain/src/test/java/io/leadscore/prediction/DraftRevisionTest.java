package io.leadscore.prediction;

import io.leadscore.model.Prediction;
import io.leadscore.model.ScoringModel;
import io.leadscore.prediction.TrainingReport.Cut;
import io.leadscore.prediction.TrainingReport.Evidence;
import io.leadscore.prediction.TrainingReport.FeatureEffect;
import io.leadscore.prediction.TrainingReport.Period;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.RevisionComparison;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.prediction.Journeys.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The draft revision from a hand-made weight set: points, threshold, notes, prediction; then the lifecycle. */
class DraftRevisionTest {
    /** Intercept −3 and a chosen cut of 0.5 (logit 0): 100 points / 3 logits, 33.3 points per unit of logit. */
    private static final Prediction WEIGHTS = new Prediction(Prediction.Label.OPPORTUNITY, Duration.ofDays(30), -3,
            weights());
    private static final Cut F1 = new Cut(0.5, 40, 0.45, 0.6, 0.514, 12.5);
    private static final TrainingReport REPORT = new TrainingReport(Prediction.Label.OPPORTUNITY,
            Duration.ofDays(30), new Period(day(7), day(170), 2000, 300), new Period(day(200), day(300), 900, 120),
            0.84, List.of(), List.of(new FeatureEffect("recency", -0.02, 20, -0.4, Math.exp(-0.4), "lowers")), F1,
            new Cut(0.62, 20, 0.6, 0.3, 0.4, 8), new Criterion(Criterion.Kind.F1, 10), F1,
            new TrainingReport.PointsFit(WEIGHTS, 0.81, F1, evidence(3.1, 2.4)), false, "found");

    /** Every rule's and fit rule's evidence plain and agreeing with its weight, but pricing's and senior-title's z. */
    private static Map<String, Evidence> evidence(double pricing, double seniorTitle) {
        return Map.of("rule:demo-request:hits", new Evidence(300, 60, 6.0),
                "rule:pricing-page:hits", new Evidence(500, 70, pricing),
                "rule:careers-page:hits", new Evidence(120, 1, -2.2),
                "rule:blog-post:hits", new Evidence(900, 80, 2.1),
                "fit:senior-title", new Evidence(400, 90, seniorTitle));
    }

    private static Map<String, Double> weights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("rule:demo-request:hits", 0.6);      // 20 points: as it was
        weights.put("rule:pricing-page:hits", 0.45);     // 15, was 10
        weights.put("rule:pricing-page:30d", 0.2);       // points cannot say it
        weights.put("rule:careers-page:hits", -0.3);     // -10: as it was
        weights.put("rule:blog-post:hits", 0.01);        // a third of a point: left at 2
        weights.put("fit:senior-title", 0.9);            // 30, was 15
        weights.put("recency", -0.02);
        return weights;
    }

    @Test
    void pointsAreWeightsScaledSoThatTheThresholdIsTheChosenProbability() {
        String draft = DraftRevision.of(Journeys.YAML, Journeys.MODEL, WEIGHTS, REPORT);

        assertEquals("""
                model: learn
                notes: "Drafted by training: an opportunity within 30d. Training period 2026-01-12 to 2026-06-24: 2000\
                 examples, 300 conversions; held-out period 2026-07-24 to 2026-11-01: 900 examples, 120 conversions;\
                 held-out AUC 0.840. Points come from a fit on the rules' hits and fit rules alone (held-out AUC\
                 0.810): points = weight × 33.3 (salesReady 100 / (logit 0.500 − intercept -3.000)). Windows, recency,\
                 groups and account stay in the prediction's weights, which points cannot say (among the top\
                 features: recency)."
                # Intent signals first: the draft must keep this comment.
                eventTypes:
                  page_view: { requires: [url] }
                  form_submit: { requires: [formId] }
                  identify: {}
                profileFields: { jobTitle: string }
                thresholds:
                  salesReady: { points: 100, notes: "Stays 100 with the suggested points: a lead reaching it has a\
                 50.0% chance of an opportunity within 30d (the cut with the best F1 on the held-out period; held-out\
                 precision 0.45, recall 0.60, 12.5 leads a week)." }
                decay: { after: 14d, every: week, by: 10%, floor: 50% }
                cold: { after: 21d }
                groups: { platform: { name: Platform } }
                rules:
                  - id: demo-request
                    event: form_submit
                    when: { formId: demo-request }
                    points: 20
                  - id: pricing-page
                    event: page_view
                    when: { url: { glob: "*/pricing*" } }
                    points: 15   # sales' favourite
                    notes: "Suggested by training: was 10, now 15 from weight 0.45 per firing (odds ×1.57)."
                  - id: careers-page
                    event: page_view
                    when: { url: { glob: "*/careers*" } }
                    points: -10
                  - id: blog-post
                    event: page_view
                    when: { url: { glob: "*/blog/*" } }
                    points: 2
                    notes: "Training gives it almost nothing (weight 0.01 per firing (odds ×1.01), under half a\
                 point): left at 2; remove it if you agree."
                    group: platform
                fit:
                  - { id: senior-title, when: { jobTitle: { regex: "vp|director" } }, points: 30, notes: "Suggested by\
                 training: was 15, now 30 from weight 0.9 when it holds (odds ×2.46)." }
                feedback: { lost: -30 }
                prediction:
                  label: opportunity
                  horizon: 30d
                  intercept: -3
                  weights:
                    "rule:demo-request:hits": 0.6
                    "rule:pricing-page:hits": 0.45
                    "rule:pricing-page:30d": 0.2
                    "rule:careers-page:hits": -0.3
                    "rule:blog-post:hits": 0.01
                    "fit:senior-title": 0.9
                    "recency": -0.02
                  notes: "Trained on 2000 examples (300 conversions), held-out AUC 0.840."
                """, draft);
    }

    @Test
    void aRuleIsLeftAsItWasWhereTheEvidenceIsThinOrPointsTheOtherWay() {
        TrainingReport report = new TrainingReport(REPORT.label(), REPORT.horizon(), REPORT.training(),
                REPORT.heldOut(), REPORT.auc(), REPORT.calibration(), REPORT.topFeatures(), REPORT.f1Cut(),
                REPORT.capacityCut(), REPORT.criterion(), REPORT.chosen(),
                new TrainingReport.PointsFit(WEIGHTS, 0.81, F1, evidence(1.4, -2.6)), false, "found");

        ScoringModel draft = ModelRevision.draft("learn", 2, DraftRevision.of(Journeys.YAML, Journeys.MODEL, WEIGHTS,
                report), "training", Instant.parse("2026-11-30T00:00:00Z"), null, 1).model();
        String yaml = DraftRevision.of(Journeys.YAML, Journeys.MODEL, WEIGHTS, report);

        assertEquals(10, draft.rules().get(1).points(), "pricing: 15 by its weight, on thin evidence");
        assertEquals(15, draft.fitRules().get(0).points(), "senior title: 30 by its weight, against its evidence");
        assertTrue(yaml.contains("notes: \"Left at 10: the training period is no evidence either way (500 training"
                + " examples with it, 70 converted: z 1.4; a suggestion needs 2 or more), so the weight 0.45 per"
                + " firing (odds ×1.57) would be noise.\""), yaml);
        assertTrue(yaml.contains("notes: \"Left at 15: its weight 0.9 when it holds (odds ×2.46) points the other"
                + " way than its plain tie to conversion (400 training examples with it, 90 converted: z -2.6), so the"
                + " fit gave it what belongs to rules firing with it.\""), yaml);
    }

    @Test
    void evidenceIsTheLogOddsRatioOfTheTwoByTwoTableInStandardErrors() {
        // 100 examples with the feature, 30 converted; 900 without, 30 converted (60 in all), worked by hand with
        // half an example in each cell (30.5 converted and 70.5 not with it, 30.5 and 870.5 without):
        // ln((30.5 × 870.5) / (70.5 × 30.5)) = 2.5134, se = sqrt(1/30.5 + 1/70.5 + 1/30.5 + 1/870.5) = 0.28444.
        Evidence evidence = Evidence.of(100, 30, 1000, 60);

        assertEquals(100, evidence.examples());
        assertEquals(30, evidence.converted());
        assertEquals(2.5134 / 0.28444, evidence.z(), 1e-3);
        assertEquals(0, Evidence.of(100, 10, 1000, 100).z(), 0.15, "converting at the base rate: next to no tie");
        assertEquals(0, Evidence.of(0, 0, 1000, 60).z(), "never seen: no evidence, whatever the half examples say");
        assertEquals(0, Evidence.of(1000, 60, 1000, 60).z(), "always seen: no evidence either");
    }

    @Test
    void theReportIsJson() throws Exception {
        String json = Json.mapper().writeValueAsString(REPORT);

        assertEquals(REPORT, Json.mapper().readValue(json, TrainingReport.class));
        assertTrue(json.contains("\"foundNothing\":false"), json);
        assertTrue(json.contains("\"criterion\":{\"kind\":\"F1\",\"leadsPerWeek\":10}"), json);
    }

    @Test
    void theDraftGoesThroughTheLifecycleAsAnyRevision() {
        ModelRevision published = TrainingTest.PUBLISHED;
        ModelRevision draft = ModelRevision.draft("learn", 2,
                DraftRevision.of(published.yaml(), published.model(), WEIGHTS, REPORT), "training",
                Instant.parse("2026-11-30T00:00:00Z"), null, 1);
        ScoringModel model = draft.model();

        assertEquals(List.of(20, 15, -10, 2), model.rules().stream().map(rule -> rule.points()).toList());
        assertEquals(30, model.fitRules().get(0).points());
        assertEquals(100, model.salesReady().orElseThrow().points());
        assertEquals(WEIGHTS, model.prediction().orElseThrow());
        assertTrue(draft.ruleNotes().get("threshold:salesReady").startsWith("Stays 100"));
        assertTrue(draft.notes().startsWith("Drafted by training"));
        RevisionComparison.Row pricing = RevisionComparison.of(List.of(published, draft)).rows().stream()
                .filter(row -> row.key().equals("rule:pricing-page")).findFirst().orElseThrow();
        assertEquals(List.of(false, true), pricing.cells().stream().map(RevisionComparison.Cell::changed).toList());
        assertTrue(pricing.cells().get(1).note().startsWith("Suggested by training: was 10, now 15"));
    }

    @Test
    void aDraftFromADraftReplacesTheNotesAndThePredictionItHad() {
        String published = Journeys.YAML
                .replace("salesReady: 100", "salesReady:\n    points: 100\n    notes: Agreed with sales in May.")
                .replace("points: 10   # sales' favourite", "points: 10   # sales' favourite\n    notes: >\n"
                        + "      Sales call it\n      the strongest signal.")
                + "prediction:\n  label: won\n  horizon: 90d\n  intercept: -5\n  weights: { recency: -0.1 }\n";

        String draft = DraftRevision.of(published, Journeys.MODEL, WEIGHTS, REPORT);
        ScoringModel model = ModelRevision.draft("learn", 3, draft, "training", Instant.now(), null, 2).model();

        assertEquals(WEIGHTS, model.prediction().orElseThrow());
        assertTrue(model.ruleNotes().get("rule:pricing-page").startsWith("Suggested by training: was 10, now 15"));
        assertTrue(model.ruleNotes().get("threshold:salesReady").startsWith("Stays 100"));
        assertTrue(draft.contains("    points: 100\n    notes: \"Stays 100"), draft);
        assertTrue(draft.contains("    notes: \"Suggested by training: was 10, now 15 from weight 0.45 per firing"
                + " (odds ×1.57).\"\n  - id: careers-page"), draft);
        assertEquals(1, draft.split("prediction:", -1).length - 1, draft);
    }
}
