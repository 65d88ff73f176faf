package io.leadscore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobs show JOB [--wait]}: a job started earlier, e.g. with {@code --no-wait}. */
@Command(name = "show", description = "A job's state, counts and errors, and a finished backtest's report.")
final class ShowJob extends Subcommand {
    @Parameters(index = "0", paramLabel = "JOB", description = "The job's id, as backtest or publish printed it.")
    String jobId;

    @Option(names = "--wait", description = "Follow the job with a progress bar until it is done or failed.")
    boolean waitForEnd;

    @Override
    public Integer call() {
        AdminApi api = api();
        Reply reply = waitForEnd ? root().jobWatcher(api).await(jobId) : api.job(jobId);
        if (format() == Format.JSON) {
            printBody(reply);
            return JobWatcher.isFinished(reply.json()) ? JobReport.exitCode(reply.json()) : ExitCode.DONE;
        }
        int exit = JobReport.print(reply.json(), out(), format());
        return JobWatcher.isFinished(reply.json()) ? exit : ExitCode.DONE;
    }
}
