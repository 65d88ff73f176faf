package io.leadscore.cli;

/** A failure the user can act on: its message is printed as it is (no stack trace) and the tool exits with its code. */
class Failure extends RuntimeException {
    private final int exitCode;

    Failure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    Failure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
