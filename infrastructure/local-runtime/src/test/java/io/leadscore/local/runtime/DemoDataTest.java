package io.leadscore.local.runtime;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo data set as generated, before anything is sent: what the dashboard and the reports will have to show. */
class DemoDataTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void customersAnswerTheNpsSurveyOnItsScaleInEveryClass() {
        List<DemoData.Event> events = new DemoData(42, NOW, 180).generate(2000);
        List<Map<String, Object>> answers = events.stream().map(DemoData.Event::json)
                .filter(event -> "nps_response".equals(event.get("type"))).toList();

        assertTrue(answers.size() > 100, answers.size() + " answers");
        List<Integer> scores = answers.stream().map(event -> (Integer) properties(event).get("score")).toList();
        assertTrue(scores.stream().allMatch(score -> score >= 0 && score <= 10), scores.toString());
        assertTrue(scores.stream().anyMatch(score -> score <= 6), "detractors");
        assertTrue(scores.stream().anyMatch(score -> score == 7 || score == 8), "passives");
        assertTrue(scores.stream().anyMatch(score -> score >= 9), "promoters");
        assertTrue(answers.stream().allMatch(event -> event.containsKey("leadId")), "only people who named themselves");
        assertEquals(events.size(), events.stream().map(event -> event.json().get("eventId")).distinct().count());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> event) {
        return (Map<String, Object>) event.get("properties");
    }
}
