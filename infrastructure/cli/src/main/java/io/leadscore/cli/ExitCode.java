package io.leadscore.cli;

/** The tool's exit codes, which scripts branch on; {@code --help} lists them (Leadscore's exitCodeList). */
final class ExitCode {
    static final int DONE = 0;
    /** The API refused the request (its error is printed), the model is invalid, or the job failed. */
    static final int FAILED = 1;
    /** An unknown command or option, a missing argument, or no AWS credentials or region for --aws. */
    static final int USAGE = 2;
    /** The endpoint could not be reached, or a file could not be read or written. */
    static final int IO = 3;

    private ExitCode() {
    }
}
