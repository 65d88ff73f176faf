package io.leadscore.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lead API names the lead's market and shows the thresholds it is held to: its market's where it has its own. */
class LeadMarketViewTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final ScoringModel MODEL = ModelLoader.parse("""
            model: markets
            eventTypes: { page_view: {}, identify: {} }
            profileFields: { country: string }
            thresholds: { salesReady: 100, hot: 150 }
            rules:
              - { id: visit, event: page_view, points: 10 }
            markets:
              emea: { when: { country: { in: [DE, FR, GB] } }, thresholds: { salesReady: 80 } }
            """, "test");

    @Test
    void showsTheLeadsMarketAndItsThresholds() {
        JsonNode view = view("DE");

        assertEquals("emea", view.get("market").asText());
        assertEquals(List.of("salesReady 80 true", "hot 150 false"), thresholds(view), "90 points reach emea's 80");
    }

    @Test
    void aLeadInNoMarketShowsNullAndTheModelsThresholds() {
        JsonNode view = view("US");

        assertTrue(view.get("market").isNull());
        assertEquals(List.of("salesReady 100 false", "hot 150 false"), thresholds(view));
    }

    private static JsonNode view(String country) {
        LeadScorer scorer = new LeadScorer(MODEL);
        Lead lead = scorer.apply(Lead.newLead("jo"), new Activity("e-0", "identify", "jo", T0,
                Map.of("country", country), "site", T0), T0).lead();
        for (int i = 1; i <= 9; i++) {
            Instant at = T0.plusSeconds(i);
            lead = scorer.apply(lead, new Activity("e-" + i, "page_view", "jo", at, Map.of(), "site", at), at).lead();
        }
        return Json.mapper().valueToTree(LeadView.of(lead, List.of(), List.of(), MODEL));
    }

    private static List<String> thresholds(JsonNode view) {
        return java.util.stream.StreamSupport.stream(view.get("thresholds").spliterator(), false)
                .map(t -> t.get("name").asText() + " " + t.get("points").asInt() + " " + t.get("reached").asBoolean())
                .toList();
    }
}
