package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node of the parsed template with the keys that lead to it, so that every error names the file and the key. */
record TemplateNode(Path file, String key, JsonNode json) {

    TemplateNode get(String child) {
        return new TemplateNode(file, key.isEmpty() ? child : key + "." + child, json.path(child));
    }

    TemplateNode required(String child) {
        TemplateNode node = get(child);
        if (node.isMissing()) {
            throw node.error("is missing");
        }
        return node;
    }

    boolean isMissing() {
        return json.isMissingNode() || json.isNull();
    }

    String text() {
        if (!json.isValueNode() || json.isNull()) {
            throw error("must be a scalar, not " + json);
        }
        return json.asText();
    }

    String text(String defaultValue) {
        return isMissing() ? defaultValue : text();
    }

    int integer(int defaultValue) {
        if (isMissing()) {
            return defaultValue;
        }
        if (!json.canConvertToExactIntegral() || !json.canConvertToInt()) {
            throw error("must be an integer, not " + json);
        }
        return json.asInt();
    }

    boolean bool(boolean defaultValue) {
        if (isMissing()) {
            return defaultValue;
        }
        return switch (text()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error("must be true or false, not " + json);
        };
    }

    /** A value of one of the SDK's enums, whose constants are spelled as in CloudFormation. */
    <E extends Enum<E>> E enumValue(Class<E> type) {
        try {
            return Enum.valueOf(type, text());
        } catch (IllegalArgumentException e) {
            throw error("has an unknown value '" + text() + "'");
        }
    }

    <E extends Enum<E>> E enumValue(Class<E> type, E defaultValue) {
        return isMissing() ? defaultValue : enumValue(type);
    }

    /** The elements of a list; none when the key is absent. */
    List<TemplateNode> elements() {
        if (isMissing()) {
            return List.of();
        }
        if (!json.isArray()) {
            throw error("must be a list, not " + json);
        }
        List<TemplateNode> elements = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            elements.add(new TemplateNode(file, key + "[" + i + "]", json.get(i)));
        }
        return elements;
    }

    /** The entries of a mapping in template order; none when the key is absent. */
    Map<String, TemplateNode> fields() {
        if (isMissing()) {
            return Map.of();
        }
        if (!json.isObject()) {
            throw error("must be a mapping, not " + json);
        }
        Map<String, TemplateNode> fields = new LinkedHashMap<>();
        json.fieldNames().forEachRemaining(name -> fields.put(name, get(name)));
        return fields;
    }

    TemplateException error(String problem) {
        return new TemplateException(file + ": " + key + " " + problem);
    }
}
