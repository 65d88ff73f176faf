package io.leadscore.aws.http;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The body of every 4xx/5xx: a stable machine code, a sentence for the developer reading it, the field at fault
 * when there is one, and, when a document was refused whole (a scoring model), every problem found in it with its
 * place.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, String field, List<Problem> problems) {

    /** One problem of a refused document: where it is (e.g. {@code rules[2].points}) and what is wrong there. */
    public record Problem(String field, String problem) {
    }

    public ApiError {
        problems = problems == null ? null : List.copyOf(problems);
    }

    public ApiError(String code, String message, String field) {
        this(code, message, field, null);
    }

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, null);
    }
}
