package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the API's JSON for display: an absent or null field prints as nothing, never as "null". */
final class JsonText {
    private JsonText() {
    }

    static String of(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    static String yesNo(JsonNode node) {
        return node.asBoolean() ? "yes" : "no";
    }
}
