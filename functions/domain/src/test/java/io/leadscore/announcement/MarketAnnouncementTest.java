package io.leadscore.announcement;

import io.leadscore.lead.Crossing;
import io.leadscore.model.Threshold;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LeadQualified names the lead's market: written after the grade, read back strictly, null when none. */
class MarketAnnouncementTest {
    private static final Crossing EMEA = new Crossing(Crossing.Kind.QUALIFIED, "jonas/salesReady/1", "jonas", null, null,
            new Threshold("salesReady", 80), 82, "default@2", Instant.parse("2026-11-23T10:02:00Z"), "evt-9",
            List.of(), Map.of("country", "DE"), null, null, "B", "emea");

    @Test
    void aQualificationCarriesTheLeadsMarket() {
        LeadQualified qualified = (LeadQualified) Announcement.of(EMEA);

        assertEquals("emea", qualified.market());
        assertEquals("emea", qualified.detail().get("market"));
        assertEquals(List.of("kind", "qualificationId", "leadId", "group", "groupName", "threshold", "score", "model",
                "at", "eventId", "topRules", "profile", "grade", "market"), List.copyOf(qualified.detail().keySet()));
        assertEquals(qualified, Announcement.read(LeadQualified.DETAIL_TYPE, qualified.detail()));
    }

    @Test
    void aLeadInNoMarketIsAnnouncedWithNullAndADetailWithoutTheFieldStillReads() {
        Crossing none = new Crossing(EMEA.kind(), EMEA.qualificationId(), EMEA.leadId(), null, null, EMEA.threshold(),
                EMEA.score(), EMEA.model(), EMEA.at(), EMEA.eventId(), List.of(), Map.of("country", "US"), null, null,
                "B");
        LeadQualified qualified = (LeadQualified) Announcement.of(none);
        Map<String, Object> older = new LinkedHashMap<>(qualified.detail());
        older.remove("market");

        assertTrue(Json.write(qualified).contains("\"market\":null"), Json.write(qualified));
        assertNull(((LeadQualified) Announcement.read(LeadQualified.DETAIL_TYPE, older)).market(),
                "published before markets");
    }

    @Test
    void aMarketThatIsNoModelIdIsRefused() {
        for (Object bad : List.of("EMEA", "", "e m e a", 7)) {
            Map<String, Object> detail = new LinkedHashMap<>(Announcement.of(EMEA).detail());
            detail.put("market", bad);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Announcement.read(LeadQualified.DETAIL_TYPE, detail));
            assertTrue(refused.getMessage().startsWith("LeadQualified event is invalid: market: must be "),
                    refused.getMessage());
        }
    }
}
