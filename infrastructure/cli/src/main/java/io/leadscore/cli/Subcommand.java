package io.leadscore.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every leaf command shares: the root's options (endpoint, authorization, format) and the output streams. */
abstract class Subcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    Leadscore root() {
        return (Leadscore) spec.root().userObject();
    }

    AdminApi api() {
        return root().api();
    }

    /** The format asked for; {@code jsonl} is an export's, which reads it from the root itself. */
    Format format() {
        Format format = root().format();
        if (format == Format.JSONL) {
            throw new Failure(ExitCode.USAGE, "--format jsonl is for export; this command prints table, csv or json");
        }
        return format;
    }

    /** The result: what a script reads. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Everything else: warnings, what happens next, errors. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The API's answer as it came, for {@code --format json} (and the API's own CSV). */
    int printBody(Reply reply) {
        return printBody(reply.body());
    }

    int printBody(String body) {
        out().print(body);
        if (!body.endsWith("\n")) {
            out().println();
        }
        out().flush();
        return ExitCode.DONE;
    }
}
