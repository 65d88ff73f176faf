package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.ChallengeStore;
import io.leadscore.aws.dynamodb.Job;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.StoredJob;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.ReviewSchedule;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * POST /v1/models/{modelId}/revisions/{n}/publish?announce=true|false: revision {@code n} scores from the next batch
 * on, and every lead is re-scored under it; publishing an older revision is the rollback. The pointer's move and the
 * re-score job start in one transaction. {@code announce} (default false) says whether the crossings the re-score
 * causes are announced: a model change must not flood sales with notifications by accident. Answers 202 with the job,
 * or 409 {@code rescore_running} while a re-score of the model still runs. Publishing the running challenger's revision
 * promotes it: the challenge ends in the same transaction ({@link Challengers}).
 */
final class PublishRevision implements Endpoint {
    /** A draft or another publish moves the pointer between the read and the write: this many reads at most. */
    private static final int ATTEMPTS = 5;

    private final Models models;
    private final Jobs jobs;
    private final ChallengeStore challenges;

    PublishRevision(Models models, Jobs jobs, ChallengeStore challenges) {
        this.models = models;
        this.jobs = jobs;
        this.challenges = challenges;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Models.Addressed addressed = models.address(request, "a publish", "announce");
        boolean announce = Boolean.parseBoolean(QueryString.oneOf(addressed.query(), "announce", "false", "true"));
        String author = HttpApi.iamCaller(request).orElseThrow();
        String modelId = addressed.modelId();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ModelPointer pointer = models.pointer(modelId);
            int number = Models.number(HttpApi.pathParameter(request, "n").orElse(null), "n", pointer);
            ModelRevision revision = models.revision(pointer, number, "n");
            Instant now = models.clock().instant();
            refuseWhileRescoring(pointer, now);
            Job job = jobs.create(JobSegmentReady.RESCORE, modelId, number, pointer.published(), announce, null, null,
                    now, author);
            Instant firstPublishedAt = pointer.firstPublishedAt() == null ? now : pointer.firstPublishedAt();
            Instant nextReviewAt = ReviewSchedule.of(revision.model()).nextDue(firstPublishedAt, now);
            // Publishing the challenger's revision promotes it: its challenge ends in the same write.
            TransactWriteItem[] promotion = challenges.challenge(modelId)
                    .filter(challenge -> challenge.running() && challenge.revision() == number)
                    .map(challenge -> new TransactWriteItem[] {challenges.promotion(challenge, now)})
                    .orElse(new TransactWriteItem[0]);
            try {
                jobs.store().start(job, now, Stream.concat(Stream.of(models.store().publication(pointer, number,
                        author, now, nextReviewAt, job.jobId())), Stream.of(promotion)).toArray(TransactWriteItem[]::new));
                return Jobs.started(job);
            } catch (JobStore.NotStarted moved) {
                // The pointer moved since it was read: read it again.
            }
        }
        throw new Refused(409, "model_changing", "model '" + modelId + "' kept changing (drafts or publishes at the"
                + " same time); publish again", "n");
    }

    /**
     * One re-score of a model at a time: two would race to write each lead under different revisions. A job that
     * stopped (done, or failed: its worker lost) no longer counts.
     */
    private void refuseWhileRescoring(ModelPointer pointer, Instant now) {
        if (pointer.rescoring() == null) {
            return;
        }
        Optional<StoredJob> running = jobs.store().stored(pointer.rescoring());
        if (running.isPresent() && running.get().running(now)) {
            throw new Refused(409, "rescore_running", "a re-score of model " + pointer.modelId() + " is running (job "
                    + pointer.rescoring() + "); publish once it is done", "n");
        }
    }
}
