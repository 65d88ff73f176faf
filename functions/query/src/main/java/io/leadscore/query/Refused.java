package io.leadscore.query;

import io.leadscore.aws.http.ApiError;

/** A request an endpoint will not serve: the status and error body the caller gets, the field at fault named. */
final class Refused extends RuntimeException {
    private final int status;
    private final ApiError error;

    Refused(int status, String code, String message, String field) {
        // An answer, not a failure: no stack trace to fill in.
        super(message, null, false, false);
        this.status = status;
        this.error = new ApiError(code, message, field);
    }

    int status() {
        return status;
    }

    ApiError error() {
        return error;
    }
}
