package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.function.Supplier;

/** Follows a job ({@code GET /v1/jobs/{jobId}}) until it is done or failed, showing its progress meanwhile. */
final class JobWatcher {
    /** Polls that may fail in a row (a dropped connection, a throttled or failing API) before the tool gives up. */
    static final int TOLERATED_FAILURES = 5;

    private final AdminApi api;
    private final Duration pollEvery;
    private final Supplier<JobProgress> progress;

    JobWatcher(AdminApi api, Duration pollEvery, Supplier<JobProgress> progress) {
        this.api = api;
        this.pollEvery = pollEvery;
        this.progress = progress;
    }

    static boolean isFinished(JsonNode job) {
        String status = job.path("status").asText();
        return "done".equals(status) || "failed".equals(status);
    }

    /** The job's last answer, once it is done or failed. */
    Reply await(String jobId) {
        try (JobProgress shown = progress.get()) {
            int failures = 0;
            while (true) {
                Reply reply;
                try {
                    reply = api.job(jobId);
                    failures = 0;
                } catch (EndpointUnreachable | ApiError e) {
                    if (!passes(e) || ++failures > TOLERATED_FAILURES) {
                        throw new Failure(e.exitCode(), e.getMessage() + "\nThe job goes on without this tool;"
                                + " follow it with: leadscore jobs show " + jobId + " --wait", e);
                    }
                    pause(jobId);
                    continue;
                }
                JsonNode job = reply.json();
                shown.show(job);
                if (isFinished(job)) {
                    return reply;
                }
                pause(jobId);
            }
        }
    }

    /** A dropped connection, a throttled or failing API: worth another poll. A 4xx is not. */
    private static boolean passes(Failure e) {
        return e instanceof EndpointUnreachable
                || e instanceof ApiError error && (error.status() >= 500 || error.status() == 429);
    }

    private void pause(String jobId) {
        try {
            Thread.sleep(pollEvery.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.FAILED, "stopped watching job " + jobId + "; it goes on", e);
        }
    }
}
