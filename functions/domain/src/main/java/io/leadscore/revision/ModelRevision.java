package io.leadscore.revision;

import io.leadscore.model.ModelException;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.support.Sha256;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stored revision of a model. Immutable: scores and ledger entries name the revision that made them, so what a
 * revision says must never change under them; a change is a new revision.
 *
 * @param notes     why this revision was made (the YAML's top-level notes, or the API's {@code x-notes})
 * @param ruleNotes the sales team's comments, by the row of the revision table they annotate
 *                  ({@code rule:pricing-page}, {@code threshold:salesReady}, {@code decay}...)
 * @param yaml      the YAML exactly as uploaded: what {@link #model()} reads, and what an export gives back
 * @param sha256    of {@code yaml}: tells two revisions with the same text apart from a changed one at a glance
 * @param basedOn   the revision this draft was copied from; null for an upload or the seeded first revision
 */
public record ModelRevision(String modelId, int number, String author, Instant createdAt, String notes,
                            Map<String, String> ruleNotes, String yaml, String sha256, Integer basedOn) {

    public ModelRevision {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(yaml, "yaml");
        if (number < 1) {
            throw new IllegalArgumentException("revisions are numbered from 1, not " + number);
        }
        ruleNotes = ruleNotes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ruleNotes));
    }

    /** The model this revision's YAML makes, its version the revision number (checked when it was stored). */
    public ScoringModel model() {
        return ModelLoader.parseRevision(yaml, modelId, number);
    }

    /**
     * Checks an uploaded YAML whole (ModelLoader's strict checks: every problem with its place) and makes the
     * revision that would be stored; throws ModelException with every problem; nothing is stored by this.
     *
     * @param notesOverride the revision's notes from outside the YAML (the API's {@code x-notes}); wins over the
     *                      YAML's when not blank
     */
    public static ModelRevision draft(String modelId, int number, String yaml, String author, Instant createdAt,
                                      String notesOverride, Integer basedOn) {
        List<String> problems = new ArrayList<>();
        ScoringModel model = null;
        try {
            model = ModelLoader.parseRevision(yaml, modelId, number);
        } catch (ModelException e) {
            problems.addAll(e.problems());
        }
        boolean override = notesOverride != null && !notesOverride.isBlank();
        if (override && notesOverride.length() > ModelLoader.MAX_NOTES) {
            problems.add("x-notes: must be at most " + ModelLoader.MAX_NOTES + " characters, not "
                    + notesOverride.length());
        }
        if (!problems.isEmpty()) {
            throw new ModelException(modelId + " revision " + number, problems);
        }
        return new ModelRevision(modelId, number, author, createdAt, override ? notesOverride.strip() : model.notes(),
                model.ruleNotes(), yaml, Sha256.hex(yaml), basedOn);
    }

    /**
     * What the author should know but need not fix: a {@code version:} in the YAML that differs from the revision
     * number is ignored, since the store numbers revisions.
     */
    public List<String> warnings() {
        var declared = ModelLoader.declaredVersion(yaml);
        return declared.isPresent() && declared.getAsInt() != number
                ? List.of("version: " + declared.getAsInt() + " is ignored: this revision's version is its number, "
                + number)
                : List.of();
    }

    /** What ledger entries made under this revision name as their model, e.g. {@code default@3}. */
    public String tag() {
        return modelId + "@" + number;
    }
}
