package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

/** A command that starts a job (backtest, publish): it waits for the job with a progress bar unless told not to. */
abstract class JobSubcommand extends Subcommand {
    @Option(names = "--no-wait", description = "Print the job's id at once and leave it running (follow it later"
            + " with: leadscore jobs show JOB --wait).")
    boolean noWait;

    /** The 202 that started a job: its id now, or its outcome once it ends. */
    int follow(AdminApi api, Reply started) {
        JsonNode job = started.json();
        String jobId = job.path("jobId").asText();
        if (noWait) {
            if (format() == Format.JSON) {
                return printBody(started);
            }
            if (format() == Format.CSV) {
                new Table(null, "jobId", "type", "status")
                        .row(jobId, job.path("type").asText(), job.path("status").asText()).print(out(), format());
            } else {
                out().println(jobId);
                err().println("follow it with: leadscore jobs show " + jobId + " --wait");
            }
            out().flush();
            err().flush();
            return ExitCode.DONE;
        }
        err().println(job.path("type").asText("job") + " job " + jobId + " started (Ctrl-C stops watching, not the"
                + " job)");
        err().flush();
        Reply ended = root().jobWatcher(api).await(jobId);
        if (format() == Format.JSON) {
            printBody(ended);
            return JobReport.exitCode(ended.json());
        }
        return JobReport.print(ended.json(), out(), format());
    }
}
