package io.leadscore.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.FieldError;
import io.leadscore.support.Json;

import java.io.IOException;

/**
 * JSON Lines, an event in the API's shape a line. What the API would check is left to it; only a line that is no
 * JSON object at all is refused here, as a row with its line number, so one bad line never stops an import. Blank
 * lines are skipped.
 */
final class JsonLinesRows implements ImportRows {
    /** Strict: "{...} {...}" on one line is an error, not its first event. */
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final FileLines lines;

    JsonLinesRows(FileLines lines) {
        this.lines = lines;
    }

    @Override
    public ImportRow next() throws IOException {
        FileLines.Line line = lines.nextFilled();
        if (line == null) {
            return null;
        }
        JsonNode node;
        try {
            node = READER.readTree(line.text());
        } catch (JacksonException e) {
            return ImportRow.rejected(line.number(), line.text(), line.end(),
                    new FieldError("(line)", "is not JSON: " + e.getOriginalMessage()));
        }
        if (node instanceof ObjectNode event) {
            return ImportRow.event(line.number(), line.text(), line.end(), event);
        }
        return ImportRow.rejected(line.number(), line.text(), line.end(),
                new FieldError("(line)", "is JSON but not an object (an event is {\"type\": ..., ...})"));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
