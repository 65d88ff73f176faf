package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** A successful answer of the API: its body as sent (printed as it is with --format json) and read as JSON. */
record Reply(int status, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

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
