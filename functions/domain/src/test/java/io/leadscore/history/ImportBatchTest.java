package io.leadscore.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A batch of history is refused whole, naming the field, when it is no batch or more than the bound. */
class ImportBatchTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[]                                           | body     | must be a JSON object: {\"events\": [...]}",
            "{\"events\": []}                             | events   | must be a list of 1 to 500 events, not 0",
            "{\"events\": {}}                             | events   | must be a list of 1 to 500 events",
            "{}                                           | events   | must be a list of 1 to 500 events",
            "{\"events\": [{}], \"announce\": \"yes\"}    | announce | must be true or false",
            "{\"events\": [{}], \"dryRun\": true}         | dryRun   | unknown field (allowed: announce, events)"})
    void aMalformedBatchNamesItsField(String body, String field, String problem) throws Exception {
        JsonNode json = Json.mapper().readTree(body);

        ImportBatch.Malformed refused = assertThrows(ImportBatch.Malformed.class, () -> ImportBatch.read(json));

        assertEquals(field, refused.field());
        assertEquals(problem, refused.getMessage());
    }

    @Test
    void moreThanFiveHundredEventsAreRefusedAndFiveHundredAreABatch() throws Exception {
        String event = "{\"type\": \"page_view\"}";
        String five = "{\"events\": [" + String.join(", ", Collections.nCopies(500, event)) + "]}";
        String over = "{\"events\": [" + String.join(", ", Collections.nCopies(501, event)) + "]}";

        ImportBatch batch = ImportBatch.read(Json.mapper().readTree(five));
        ImportBatch.Malformed refused = assertThrows(ImportBatch.Malformed.class,
                () -> ImportBatch.read(Json.mapper().readTree(over)));

        assertEquals(500, batch.events().size());
        assertFalse(batch.announce(), "announcing is asked for, never the default");
        assertEquals("events", refused.field());
        assertEquals("must be a list of 1 to 500 events, not 501", refused.getMessage());
    }
}
