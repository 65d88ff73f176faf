package io.leadscore.aws.dynamodb;

import java.time.Instant;

/**
 * A model's pointer item ({@code MODEL#<id>}/{@code MODEL}): how far its revisions are numbered, and which one is
 * published. Every function reads it to know which revision scores; drafts and publishes move it, each guarded by
 * {@code revision}, so that two writers never lose each other's change.
 *
 * @param latest           the highest revision number taken: the next draft is {@code latest + 1}
 * @param published        the revision in force
 * @param publishedBy      who published it (an IAM caller's ARN; the seed for revision 1)
 * @param firstPublishedAt when the model was first published: its review schedule counts from there
 * @param nextReviewAt     the first review due after the last publish, by the published revision's schedule (60 days
 *                         after the first publish, then every 90 by default): overdue once it has come
 * @param revision         the item's optimistic lock, one more on every change
 * @param rescoring        the job re-scoring every lead under {@code published}, from the publish that started it
 *                         until its last segment is done; null when none runs (a publish is refused meanwhile)
 */
public record ModelPointer(String modelId, int latest, int published, Instant publishedAt, String publishedBy,
                           Instant firstPublishedAt, Instant nextReviewAt, long revision, String rescoring) {

    /** Whether a review has come due at {@code now} and nothing was published since. */
    public boolean reviewOverdue(Instant now) {
        return nextReviewAt != null && !now.isBefore(nextReviewAt);
    }
}
