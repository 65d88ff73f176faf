package io.leadscore.aws.http;

/** A request an endpoint will not serve: the status and error body the caller gets, the field at fault named. */
public final class Refused extends RuntimeException {
    private final int status;
    private final ApiError error;

    public Refused(int status, String code, String message, String field) {
        this(status, new ApiError(code, message, field));
    }

    public Refused(int status, ApiError error) {
        // An answer, not a failure: no stack trace to fill in.
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }
}
