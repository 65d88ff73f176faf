package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The placeholders of the bad-input corpora's requests, which write huge, deep and oversized bodies as a unit
 * repeated: each {@code expand} entry of a request replaces its {@code placeholder} by {@code text} repeated
 * {@code times}, joined by {@code separator}, with {@code numbered} in the unit replaced by the repetition's index.
 * Shared by the handler tests that read a corpus and the API contract test that sends it over HTTP.
 */
public final class CorpusExpansion {
    private CorpusExpansion() {
    }

    public static String expand(JsonNode request, String text) {
        for (JsonNode expansion : request.path("expand")) {
            String unit = expansion.get("text").asText();
            String numbered = expansion.path("numbered").asText(null);
            String repeated = IntStream.range(0, expansion.get("times").asInt())
                    .mapToObj(i -> numbered == null ? unit : unit.replace(numbered, Integer.toString(i)))
                    .collect(Collectors.joining(expansion.path("separator").asText("")));
            text = text.replace(expansion.get("placeholder").asText(), repeated);
        }
        return text;
    }
}
