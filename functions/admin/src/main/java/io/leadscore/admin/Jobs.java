package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.Job;
import io.leadscore.aws.dynamodb.JobStore;
import io.leadscore.aws.dynamodb.StoredJob;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The jobs the admin API starts (a backtest, a publish's re-score) and shows: each split into the deployment's
 * {@code JOB_SEGMENTS} segments, one worker each.
 */
final class Jobs {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final JobStore store;
    private final int segments;

    Jobs(JobStore store, int segments) {
        if (segments < 1 || segments > JobStore.MAX_SEGMENTS) {
            throw new IllegalStateException("JOB_SEGMENTS must be 1 to " + JobStore.MAX_SEGMENTS + ", not " + segments);
        }
        this.store = store;
        this.segments = segments;
    }

    JobStore store() {
        return store;
    }

    /** A new job with an id of its own. */
    Job create(String type, String modelId, int revision, int baseline, boolean announce, Instant from, Instant to,
               Instant now, String author) {
        return new Job("job-" + UUID.randomUUID(), type, modelId, revision, baseline, announce, from, to, segments,
                now, author);
    }

    /** The job the path names, with its segments. */
    StoredJob stored(APIGatewayV2HTTPEvent request) {
        String jobId = HttpApi.pathParameter(request, "jobId").orElse("");
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new Refused(400, "invalid_job_id", "a job id is 1-64 letters, digits, '_' or '-', as a backtest or a"
                    + " publish answered it", "jobId");
        }
        return store.stored(jobId).orElseThrow(() -> new Refused(404, "job_not_found", "no job " + jobId, "jobId"));
    }

    /** 202 with the job started, and where to follow it. */
    static APIGatewayV2HTTPResponse started(Job job) {
        return HttpApi.withHeader(HttpApi.json(202, new JobViews.Started(job.jobId(), job.type(), StoredJob.QUEUED)),
                "location", "/v1/jobs/" + job.jobId());
    }
}
