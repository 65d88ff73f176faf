package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A successful answer of the API: its body as sent (printed as it is with --format json) and read as JSON, and its
 * headers.
 */
record Reply(int status, String body, HttpHeaders headers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A header's value (names ignore case), if the answer has it. */
    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException notJson) {
            // reported below with what came instead
        }
        String start = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        throw new Failure(ExitCode.FAILED, "the API answered with something other than a JSON object: " + start);
    }
}
