package io.leadscore.revision;

import io.leadscore.model.ModelException;
import io.leadscore.model.ModelLoader;
import io.leadscore.support.Json;
import io.leadscore.support.Sha256;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRevisionTest {
    static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    static String defaultYaml() {
        try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theShippedModelIsRevisionOneWithItsNotes() {
        ModelRevision first = ModelRevision.draft("default", 1, defaultYaml(), "seed", AT, null, null);

        assertEquals("default@1", first.model().tag());
        assertEquals("default@1", first.tag());
        assertEquals("The shipped defaults, before any review with sales.", first.notes());
        assertTrue(first.ruleNotes().containsKey("rule:pricing-page"), first.ruleNotes().toString());
        assertEquals(Sha256.hex(defaultYaml()), first.sha256());
        assertEquals(List.of(), first.warnings());
        assertNull(first.basedOn());
    }

    @Test
    void aRevisionIsVersionedByItsNumberAndSaysItIgnoredTheYamls() {
        ModelRevision third = ModelRevision.draft("default", 3, defaultYaml(), "ana", AT, null, 2);

        assertEquals(3, third.model().version());
        assertEquals("default@3", third.model().tag());
        assertEquals(List.of("version: 1 is ignored: this revision's version is its number, 3"), third.warnings());
        assertEquals(2, third.basedOn());
    }

    @Test
    void notesFromOutsideTheYamlWinOverItsOwn() {
        ModelRevision revision = ModelRevision.draft("default", 2, defaultYaml(), "ana", AT, "  Q3 review  ", 1);

        assertEquals("Q3 review", revision.notes());
        assertEquals(ModelRevision.draft("default", 2, defaultYaml(), "ana", AT, " ", 1).notes(),
                "The shipped defaults, before any review with sales.", "blank notes from outside are none");
    }

    @Test
    void aDraftIsRefusedWithEveryProblemAndItsPlace() {
        String broken = defaultYaml().replace("cap: { times: 3, per: day }", "cap: { times: 3, per: fortnight }")
                .replace("  - id: demo-page\n", "  - id: demo-page\n    notes: [not, text]\n");

        ModelException refused = assertThrows(ModelException.class, () -> ModelRevision.draft("default", 2, broken,
                "ana", AT, "x".repeat(ModelLoader.MAX_NOTES + 1), 1));

        assertEquals(3, refused.problems().size(), String.join("\n", refused.problems()));
        assertTrue(refused.problems().contains("rules[0].cap.per: must be one of hour, day, week, month, ever,"
                + " or a length such as 30d; not 'fortnight'"), String.join("\n", refused.problems()));
        assertTrue(refused.problems().contains("rules[1].notes: must be text"));
        assertTrue(refused.problems().contains("x-notes: must be at most 2000 characters, not 2001"));
    }

    @Test
    void aDraftOfAnotherModelIsRefused() {
        ModelException refused = assertThrows(ModelException.class,
                () -> ModelRevision.draft("emea", 1, defaultYaml(), "ana", AT, null, null));

        assertEquals(List.of("model: is 'default', but this is a revision of model 'emea'"), refused.problems());
    }

    @Test
    void goesToJsonAndBackAsItsComponentsOnly() throws Exception {
        ModelRevision revision = ModelRevision.draft("default", 2, defaultYaml(), "ana", AT, "Q3", 1);

        String json = Json.write(revision);
        ModelRevision back = Json.mapper().readValue(json, ModelRevision.class);

        assertEquals(revision, back);
        assertEquals(List.of("modelId", "number", "author", "createdAt", "notes", "ruleNotes", "yaml", "sha256",
                "basedOn"), iterate(Json.mapper().readTree(json).fieldNames()));
    }

    @Test
    void ruleNotesAreAnImmutableCopy() {
        var notes = new java.util.HashMap<>(Map.of("decay", "slower"));
        ModelRevision revision = new ModelRevision("default", 1, "a", AT, null, notes, "model: default", "h", null);
        notes.clear();

        assertEquals(Map.of("decay", "slower"), revision.ruleNotes());
        assertThrows(UnsupportedOperationException.class, () -> revision.ruleNotes().put("cold", "x"));
        assertEquals(Map.of(), new ModelRevision("default", 1, "a", AT, null, null, "", "h", null).ruleNotes());
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
