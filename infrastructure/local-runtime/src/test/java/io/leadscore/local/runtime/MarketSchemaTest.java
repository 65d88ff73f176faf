package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.announcement.Announcement;
import io.leadscore.lead.Crossing;
import io.leadscore.model.Threshold;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LeadQualified's market in its JSON Schema: a model's id or null, always present, as the scorer writes it. */
class MarketSchemaTest {

    @Test
    void aQualificationNamingItsMarketConformsAsWrittenAndAsRegistered() {
        Crossing crossing = new Crossing(Crossing.Kind.QUALIFIED, "jonas/salesReady/1", "jonas", null, null,
                new Threshold("salesReady", 80), 82, "default@2", Instant.parse("2026-11-23T10:02:00Z"), "evt-9",
                List.of(), Map.of("country", "DE"), null, null, "B", "emea");
        String detail = Json.write(Announcement.of(crossing).detail());

        assertTrue(detail.contains("\"market\":\"emea\""), detail);
        assertEquals(List.of(), BusSchemas.violations("LeadQualified", detail));
        assertEquals(List.of(), BusSchemas.violationsAsRegistered("LeadQualified", detail));
    }

    @Test
    void aMarketIsRequiredAndAModelsIdOrNull() throws IOException {
        ObjectNode detail = (ObjectNode) BusSchemas.json(Files.readString(BusSchemas.DIRECTORY.getParent()
                .resolve("notify/lead-qualified.json"))).get("detail");
        assertEquals(List.of(), BusSchemas.violations("LeadQualified", detail.toString()), "null: in no market");

        detail.put("market", "EMEA");
        List<String> upperCase = BusSchemas.violations("LeadQualified", detail.toString());
        detail.remove("market");
        List<String> missing = BusSchemas.violations("LeadQualified", detail.toString());

        assertEquals(1, upperCase.size(), upperCase.toString());
        assertTrue(upperCase.get(0).startsWith("$.market: "), upperCase.toString());
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith("$: ") && missing.get(0).contains("'market'"), missing.toString());
    }
}
