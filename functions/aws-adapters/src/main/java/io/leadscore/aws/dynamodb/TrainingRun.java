package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.prediction.TrainingRequest;

import java.time.Instant;

/**
 * A training run as its item keeps it ({@code JOB#<runId>}/{@code TRAINING}, kind {@code training}): what was asked,
 * against which published revision, and how it went.
 *
 * @param baseline   the revision published when it was asked for: the one trained on, and the draft's {@code basedOn}
 * @param status     {@value #QUEUED}, {@value #RUNNING}, {@value #DONE} or {@value #FAILED}
 * @param leads      the leads read, once done
 * @param reportJson the training report as JSON, once done (at most {@link TrainingRuns#MAX_REPORT_CHARS})
 * @param draft      the draft revision's number; null when the report found nothing, or before the run is done
 * @param error      why it failed
 */
public record TrainingRun(String runId, String modelId, TrainingRequest request, int baseline, String status,
                          Instant createdAt, String createdBy, Instant startedAt, Instant finishedAt, Long leads,
                          String reportJson, Integer draft, String error) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public static TrainingRun queued(String runId, String modelId, TrainingRequest request, int baseline,
                                     Instant createdAt, String createdBy) {
        return new TrainingRun(runId, modelId, request, baseline, QUEUED, createdAt, createdBy, null, null, null, null,
                null, null);
    }

    /** The event that hands the run to the train function, as {@link TrainingRuns} writes it to the outbox. */
    public JobSegmentReady handOut() {
        return new JobSegmentReady(runId, JobSegmentReady.TRAINING, modelId, baseline, 0, 1, 1);
    }

    TrainingRun running(Instant at) {
        return new TrainingRun(runId, modelId, request, baseline, RUNNING, createdAt, createdBy, at, null, null, null,
                null, null);
    }

    TrainingRun done(long leadCount, String report, Integer draftNumber, Instant at) {
        return new TrainingRun(runId, modelId, request, baseline, DONE, createdAt, createdBy, startedAt, at, leadCount,
                report, draftNumber, null);
    }

    TrainingRun failed(String why, Instant at) {
        return new TrainingRun(runId, modelId, request, baseline, FAILED, createdAt, createdBy, startedAt, at, leads,
                null, null, why);
    }
}
