package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.RoundingMode;

/** Reading the API's JSON for display: an absent or null field prints as nothing, never as "null". */
final class JsonText {
    private JsonText() {
    }

    static String of(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** A rate (0.4444) as a percentage to a tenth, half up (44.4%); nothing when the API has none (denominator 0). */
    static String percent(JsonNode node) {
        return node == null || !node.isNumber() ? null
                : node.decimalValue().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String yesNo(JsonNode node) {
        return node.asBoolean() ? "yes" : "no";
    }
}
