package io.leadscore.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A published revision is read by the functions from the JSON form of its YAML, so that no YAML parser runs at
 * their cold start: the form must make the very model the YAML makes, and be refused as the YAML would be.
 */
class RevisionJsonFormTest {

    @Test
    void theDefaultModelsJsonFormMakesTheModelItsYamlMakes() throws IOException {
        String yaml;
        try (var in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertSameModel(yaml, "default", 3);
    }

    @Test
    void theEveryConstructModelsJsonFormMakesTheModelItsYamlMakes() throws IOException {
        assertSameModel(Files.readString(EveryConstructModelTest.FILE), "every-construct", 7);
    }

    @Test
    void aJsonFormIsRefusedWithTheProblemsOfItsYaml() throws IOException {
        String yaml = Files.readString(EveryConstructModelTest.FILE)
                .replace("event: [click, form_submit]", "event: [click, webinar]")
                .replace("expires: 90d", "expires: soon");

        ModelException fromYaml = assertThrows(ModelException.class,
                () -> ModelLoader.parseRevision(yaml, "every-construct", 2));
        ModelException fromJson = assertThrows(ModelException.class,
                () -> ModelLoader.parseRevisionJson(ModelLoader.jsonForm(yaml), "every-construct", 2));

        assertEquals(fromYaml.problems(), fromJson.problems());
        assertEquals(2, fromJson.problems().size(), fromJson.problems().toString());
    }

    @Test
    void theJsonFormIsPlainJsonOfTheDocument() {
        assertEquals("{\"model\":\"m\",\"rules\":[{\"id\":\"a\",\"points\":5,\"share\":1.5,\"on\":true}]}",
                ModelLoader.jsonForm("model: m\n# a comment the form drops\nrules:\n"
                        + "  - { id: a, points: 5, share: 1.5, on: true }\n"));
    }

    private static void assertSameModel(String yaml, String modelId, int number) {
        ScoringModel fromYaml = ModelLoader.parseRevision(yaml, modelId, number);
        ScoringModel fromJson = ModelLoader.parseRevisionJson(ModelLoader.jsonForm(yaml), modelId, number);
        assertEquals(parts(fromYaml), parts(fromJson));
        assertEquals(modelId + "@" + number, fromJson.tag());
    }

    /** Everything a model holds, as values (records, and the patterns' sources). */
    static List<String> parts(ScoringModel model) {
        return List.of(model.tag(), model.eventTypes().toString(), model.profileFields().toString(),
                model.thresholds().toString(), model.markets().toString(), model.decay().toString(),
                model.coldAfter().toString(), model.accounts().toString(), model.groups().toString(),
                model.rules().toString(), model.journeyStages().toString(), model.fitRules().toString(),
                model.reviewFirst().toString(), model.reviewEvery().toString(), String.valueOf(model.notes()),
                model.ruleNotes().toString(), model.feedbackRules().toString(), model.grades().toString(),
                model.competitors().toString());
    }
}
