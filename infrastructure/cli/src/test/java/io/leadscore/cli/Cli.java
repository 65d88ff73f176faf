package io.leadscore.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs the tool in-process as a shell would, with its three outputs captured. */
final class Cli {
    record Run(int exit, String out, String err, String progress) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CommandLine cli = Leadscore.commandLine(new Leadscore(
                new PrintStream(progress, true, StandardCharsets.UTF_8), false, Duration.ofMillis(5)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString(), progress.toString(StandardCharsets.UTF_8));
    }
}
