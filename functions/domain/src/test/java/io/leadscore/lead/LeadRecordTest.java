package io.leadscore.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.model.ModelLoader;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A lead as stored: Jackson maps items from the record, so what was stored before a field existed must still read. */
class LeadRecordTest {
    private static final LeadScorer SCORER = new LeadScorer(ModelLoader.defaultModel());
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aLeadGoesToJsonAndBackUnchanged() throws Exception {
        Lead lead = SCORER.apply(Lead.newLead(Activities.LEAD), Activities.pageView("/pricing", T0), T0).lead()
                .toBuilder().mergedVisitors(List.of("anon:v1")).build();

        Lead back = Json.mapper().readValue(Json.write(lead), Lead.class);

        assertEquals(lead, back);
        assertEquals(1, back.appliedActivities());
    }

    @Test
    void aLeadStoredBeforeAppliedActivitiesAndMergedVisitorsReadsAsZeroAndEmpty() throws Exception {
        Lead lead = SCORER.apply(Lead.newLead(Activities.LEAD), Activities.pageView("/pricing", T0), T0).lead();
        ObjectNode stored = (ObjectNode) Json.mapper().readTree(Json.write(lead));
        stored.remove(List.of("appliedActivities", "mergedVisitors"));

        Lead back = Json.mapper().treeToValue(stored, Lead.class);

        assertEquals(0, back.appliedActivities());
        assertEquals(List.of(), back.mergedVisitors());
        assertEquals(lead.toBuilder().appliedActivities(0).build(), back);
    }

    @Test
    void theNewComponentsHaveTheirAgreedJsonNames() {
        JsonNode json = Json.mapper().valueToTree(Lead.newLead("x").toBuilder().appliedActivities(4)
                .mergedVisitors(List.of("anon:a")).build());

        assertEquals(4, json.get("appliedActivities").asInt());
        assertEquals("anon:a", json.get("mergedVisitors").get(0).asText());
    }

    @Test
    void everyAppliedActivityIsCounted() {
        Lead lead = Lead.newLead(Activities.LEAD);
        for (int i = 0; i < 5; i++) {
            lead = SCORER.apply(lead, Activities.pageView("/blog/" + i, T0.plusSeconds(i)), T0).lead();
        }
        assertEquals(5, lead.appliedActivities(), "activities that earn nothing are applied all the same");
        assertEquals(Map.of(), lead.breakdown());
    }
}
