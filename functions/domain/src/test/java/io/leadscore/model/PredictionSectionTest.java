package io.leadscore.model;

import io.leadscore.prediction.LeadFeatures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.leadscore.model.ModelProblems.assertProblem;
import static io.leadscore.model.ModelProblems.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code prediction:}, a revision's trained weights, as the YAML and the revision's JSON form write them. */
class PredictionSectionTest {
    private static final String BASE = """
            model: test
            eventTypes: { page_view: { requires: [url] } }
            profileFields: { jobTitle: string }
            groups: { platform: { name: Platform } }
            rules:
              - { id: pricing-page, event: page_view, when: { url: { glob: "*/pricing*" } }, points: 10 }
            fit:
              - { id: senior-title, when: { jobTitle: { regex: "director|vp" } }, points: 15, group: platform }
            """;
    private static final String PREDICTION = """
            prediction:
              label: opportunity
              horizon: 90d
              intercept: -3.2
              weights:
                "rule:pricing-page:hits": 0.41
                "rule:pricing-page:30d": 0.2
                "fit:senior-title": 0.7
                "group:platform": 0.01
                recency: -0.02
                account: 0.003
              notes: Trained on 2026-09..11.
            """;

    @Test
    void readsTheWeightsByFeatureWithLabelHorizonAndNotes() {
        ScoringModel model = ModelLoader.parse(BASE + PREDICTION, "test");
        Prediction prediction = model.prediction().orElseThrow();

        assertEquals(Prediction.Label.OPPORTUNITY, prediction.label());
        assertEquals(Duration.ofDays(90), prediction.horizon());
        assertEquals(-3.2, prediction.intercept());
        assertEquals(Map.of("rule:pricing-page:hits", 0.41, "rule:pricing-page:30d", 0.2, "fit:senior-title", 0.7,
                "group:platform", 0.01, "recency", -0.02, "account", 0.003), prediction.weights());
        assertEquals(0.0, prediction.weight("rule:pricing-page:7d"));
        assertEquals("Trained on 2026-09..11.", model.ruleNotes().get("prediction"));
        assertEquals(Prediction.Label.WON, ModelLoader.parse(BASE + PREDICTION.replace("opportunity", "won"), "test")
                .prediction().orElseThrow().label());
    }

    @Test
    void aModelWithoutTheSectionHasNoPrediction() {
        assertEquals(Optional.empty(), ModelLoader.parse(BASE, "test").prediction());
    }

    @Test
    void theRevisionsJsonFormCarriesTheSameWeights() {
        String yaml = BASE + PREDICTION;

        Prediction fromYaml = ModelLoader.parseRevision(yaml, "test", 4).prediction().orElseThrow();
        Prediction fromJson = ModelLoader.parseRevisionJson(ModelLoader.jsonForm(yaml), "test", 4)
                .prediction().orElseThrow();

        assertEquals(fromYaml, fromJson);
        assertEquals(0.41, fromJson.weight("rule:pricing-page:hits"));
    }

    @Test
    void everyFeatureOfTheModelMayCarryAWeight() {
        ScoringModel plain = ModelLoader.parse(BASE, "test");
        List<String> names = new LeadFeatures(plain).names();
        String weights = names.stream().map(name -> "    \"" + name + "\": 0.5")
                .collect(Collectors.joining("\n"));

        ScoringModel model = ModelLoader.parse(BASE + "prediction:\n  label: won\n  horizon: 2w\n  intercept: 0\n"
                + "  weights:\n" + weights + "\n", "test");

        assertEquals(names, List.copyOf(model.prediction().orElseThrow().weights().keySet()));
        assertEquals(Duration.ofDays(14), model.prediction().orElseThrow().horizon());
    }

    @Test
    void aWeightOnAMisspeltOrRemovedRuleIsRefusedByName() {
        List<String> problems = problems(BASE + PREDICTION
                .replace("\"rule:pricing-page:30d\"", "\"rule:pricing-pgae:30d\"")
                .replace("\"fit:senior-title\"", "\"fit:junior-title\"")
                .replace("recency:", "\"rule:pricing-page:60d\":"));

        assertProblem(problems, "prediction.weights.rule:pricing-pgae:30d: 'rule:pricing-pgae:30d' is not a feature"
                + " of this model");
        assertProblem(problems, "prediction.weights.fit:junior-title: 'fit:junior-title' is not a feature");
        assertProblem(problems, "prediction.weights.rule:pricing-page:60d: 'rule:pricing-page:60d' is not a feature");
        assertEquals(3, problems.size(), String.join("\n", problems));
    }

    @Test
    void refusesEachMistakeNamingItsPlace() {
        List<String> problems = problems(BASE + """
                prediction:
                  label: mql
                  horizon: soon
                  intercept: 1.0e+999
                  weights: { recency: -1.0e+999, account: high }
                  bias: 1
                """);

        assertProblem(problems, "prediction.label: must be opportunity or won, not 'mql'");
        assertProblem(problems, "prediction.horizon: must be like 12h, 30d or 2w");
        assertProblem(problems, "prediction.intercept: must be a finite number, not Infinity");
        assertProblem(problems, "prediction.weights.recency: must be a finite number, not -Infinity");
        assertProblem(problems, "prediction.weights.account: must be a finite number, not \"high\"");
        assertProblem(problems, "prediction.bias: unknown key 'bias'");
        assertEquals(6, problems.size(), String.join("\n", problems));
    }

    @Test
    void refusesAMissingPartOrAWrongShape() {
        assertEquals(List.of("prediction: must be a mapping with label, horizon, intercept and weights"),
                problems(BASE + "prediction: [0.4]\n"));
        List<String> problems = problems(BASE + "prediction: { weights: {} }\n");
        assertProblem(problems, "prediction.label: is required");
        assertProblem(problems, "prediction.horizon: is required");
        assertProblem(problems, "prediction.intercept: is required");
        assertProblem(problems, "prediction.weights: must not be empty");
        assertEquals(4, problems.size(), String.join("\n", problems));
    }

    @Test
    void theJsonFormIsRefusedLikeItsYaml() {
        String yaml = BASE + PREDICTION.replace("\"fit:senior-title\"", "\"fit:junior-title\"");

        ModelException fromYaml = assertThrows(ModelException.class, () -> ModelLoader.parseRevision(yaml, "test", 2));
        ModelException fromJson = assertThrows(ModelException.class,
                () -> ModelLoader.parseRevisionJson(ModelLoader.jsonForm(yaml), "test", 2));

        assertEquals(fromYaml.problems(), fromJson.problems());
        assertEquals(1, fromJson.problems().size());
    }
}
