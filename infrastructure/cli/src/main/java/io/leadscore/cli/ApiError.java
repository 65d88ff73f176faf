package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A refusal by the API, printed whole: its code, its message and every problem with its place, so that a refused
 * model can be fixed in one pass. Reads the admin API's {@code {"error":{"code","message","problems"}}} (the query
 * API's with a {@code "field"}) and API Gateway's own {@code {"message"}} (what an authorizer answers before any
 * function runs).
 */
final class ApiError extends Failure {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String code;
    private final List<String> problems;

    private ApiError(String request, int status, String code, String message, List<String> problems) {
        super(ExitCode.FAILED, describe(request, status, code, message, problems));
        this.status = status;
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    static ApiError of(String request, int status, String body) {
        JsonNode root = parse(body);
        JsonNode error = root.path("error");
        if (error.isObject()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode p : error.path("problems")) {
                problems.add(p.isTextual() ? p.asText()
                        : p.path("field").asText("(model)") + ": " + p.path("problem").asText(p.toString()));
            }
            // The query API's refusals name the one field at fault beside the message.
            String field = error.path("field").isTextual() ? " (" + error.path("field").asText() + ")" : "";
            return new ApiError(request, status, error.path("code").asText(null),
                    error.path("message").asText("") + field, problems);
        }
        String message = root.path("message").isTextual() ? root.path("message").asText()
                : body == null || body.isBlank() ? "" : body.strip();
        return new ApiError(request, status, null, message, List.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    List<String> problems() {
        return problems;
    }

    private static String describe(String request, int status, String code, String message, List<String> problems) {
        StringBuilder text = new StringBuilder("the API refused ").append(request).append(" (").append(status);
        if (code != null) {
            text.append(' ').append(code);
        }
        text.append(')');
        if (!message.isEmpty()) {
            text.append(": ").append(message);
        }
        for (String problem : problems) {
            text.append("\n  - ").append(problem);
        }
        if (status == 401 || status == 403) {
            text.append("\nLocally, pass the runtime's admin key (--admin-key or LEADSCORE_ADMIN_KEY; the runtime's"
                    + " banner prints it). In AWS, pass --aws with credentials allowed to invoke the admin API.");
        }
        return text.toString();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }
}
