package io.leadscore.aws.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every 4xx/5xx: a stable machine code, a sentence for the developer reading it, and the field
 * at fault when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, String field) {

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, null);
    }
}
