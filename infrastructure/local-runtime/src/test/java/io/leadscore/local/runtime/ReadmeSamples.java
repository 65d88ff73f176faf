package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.local.SamTemplate;
import io.leadscore.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's samples of what a signed webhook receives (its JSON code blocks with a {@code "type"} and
 * {@code "data"}), by detail-type, and a comparison of a sample's shape with what the functions really send: the
 * README must not drift from the system.
 */
final class ReadmeSamples {
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    /** Open by design: which profile fields a lead has varies. */
    private static final String OPEN_OBJECT = "profile";

    private ReadmeSamples() {
    }

    static Map<String, JsonNode> webhookBodies() {
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        try {
            Matcher block = JSON_BLOCK.matcher(Files.readString(SamTemplate.locate().getParent().resolve("README.md")));
            while (block.find()) {
                JsonNode json = Json.mapper().readTree(block.group(1));
                if (json.has("type") && json.has("data")) {
                    bodies.put(json.get("type").asText(), json);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bodies;
    }

    /**
     * The README's sample for {@code detailType} has the same fields as {@code sent}, at every level, with values of
     * the same JSON types where both are set (lists compared by their first elements, the profile left open).
     */
    static void assertSameShape(String detailType, JsonNode sent) {
        JsonNode sample = webhookBodies().get(detailType);
        List<String> differences = new ArrayList<>();
        compare("", sample, sent, differences);
        assertEquals(List.of(), differences, "README's " + detailType + " sample against what was sent: " + sent);
    }

    private static void compare(String path, JsonNode sample, JsonNode sent, List<String> differences) {
        if (sample == null || sent == null || sample.isNull() || sent.isNull()) {
            return;
        }
        if (sample.getNodeType() != sent.getNodeType()) {
            differences.add(path + ": " + sample.getNodeType() + " in the README, " + sent.getNodeType() + " sent");
        } else if (sample.isObject() && !path.endsWith("." + OPEN_OBJECT)) {
            List<String> sampleFields = names(sample);
            if (!sampleFields.equals(names(sent))) {
                differences.add(path + ": fields " + sampleFields + " in the README, " + names(sent) + " sent");
            }
            sampleFields.forEach(field -> compare(path + "." + field, sample.get(field), sent.get(field), differences));
        } else if (sample.isArray() && !sample.isEmpty() && !sent.isEmpty()) {
            compare(path + "[0]", sample.get(0), sent.get(0), differences);
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.stream().sorted().toList();
    }
}
