package io.leadscore.admin;

import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.RevisionSummary;
import io.leadscore.revision.ModelRevision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin API's JSON for revisions (the shapes the CLI and the dashboard read). */
final class RevisionViews {
    private RevisionViews() {
    }

    /** A revision in the list: who made it, when and why, and whether it is the one in force. */
    record Line(int number, String author, Instant createdAt, String notes, String sha256, Integer basedOn,
                boolean published) {

        static Line of(RevisionSummary revision, ModelPointer pointer) {
            return new Line(revision.number(), revision.author(), revision.createdAt(), revision.notes(),
                    revision.sha256(), revision.basedOn(), revision.number() == pointer.published());
        }
    }

    /**
     * GET /v1/models/{modelId}/revisions: the model's revisions, oldest first, with the one published and its review
     * schedule.
     *
     * @param latest the highest revision number: the next draft takes the one after
     */
    record Listing(String modelId, int published, Instant publishedAt, String publishedBy, Instant firstPublishedAt,
                 Instant nextReviewAt, boolean reviewOverdue, int latest, List<Line> revisions) {

        static Listing of(ModelPointer pointer, List<RevisionSummary> revisions, Instant now) {
            return new Listing(pointer.modelId(), pointer.published(), pointer.publishedAt(), pointer.publishedBy(),
                    pointer.firstPublishedAt(), pointer.nextReviewAt(), pointer.reviewOverdue(now), pointer.latest(),
                    revisions.stream().map(revision -> Line.of(revision, pointer)).toList());
        }
    }

    /** GET /v1/models/{modelId}/revisions/{n}: a revision whole, its YAML as stored and its notes by row. */
    record Detail(String modelId, int number, String author, Instant createdAt, String notes, String sha256,
                  Integer basedOn, boolean published, Map<String, String> ruleNotes, String yaml) {

        static Detail of(ModelRevision revision, ModelPointer pointer) {
            return new Detail(revision.modelId(), revision.number(), revision.author(), revision.createdAt(),
                    revision.notes(), revision.sha256(), revision.basedOn(), revision.number() == pointer.published(),
                    revision.ruleNotes(), revision.yaml());
        }
    }

    /** POST /v1/models/{modelId}/revisions: the new revision's number, and what its author should know. */
    record Drafted(String modelId, int number, List<String> warnings) {
    }
}
