package io.leadscore.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/leads/{leadId} under a published model that lists competitors: the lead says it is one, and why. */
class CompetitorLeadViewTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;
    private ScoringRun scoring;

    @BeforeEach
    void publishedWithCompetitors() {
        dynamoDb.freshTables();
        String yaml = ModelSeed.of(null).yaml() + "competitors: { when: { company: { in: [Globex] } } }\n";
        new ModelStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable")).seed("default",
                new ModelSeed(yaml, "a competitor list"), AT);
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        scoring = new ScoringRun(new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"),
                Clock.systemUTC(), Retention.DEFAULT), ModelLoader.parse(yaml, "a competitor list"), Clock.systemUTC());
    }

    @Test
    void showsACompetitorAsOneWithTheLedgerNoteThatSaysWhy() {
        score("lead-42", List.of(
                activity("lead-42", "evt-1", "identify", AT, Map.of("jobTitle", "VP Sales", "country", "US")),
                activity("lead-42", "evt-2", "profile_update", AT.plusSeconds(60), Map.of("company", "Globex"))));
        score("lead-43", List.of(activity("lead-43", "evt-3", "identify", AT, Map.of("company", "Acme"))));

        JsonNode lead = lead("lead-42");
        assertTrue(lead.get("competitor").asBoolean());
        assertEquals(0, lead.get("fit").asInt());
        JsonNode moved = lead.at("/recentLedger/0");
        assertEquals("evt-2", moved.get("eventId").asText());
        assertEquals(-10, moved.get("change").asInt(), "title 5 and country 5 taken back");
        moved.get("contributions").forEach(line -> assertEquals("works at a listed competitor (company: Globex)",
                line.get("note").asText()));
        assertEquals("jobTitle is now 'VP Sales'", lead.at("/recentLedger/1/contributions/0/note").asText());
        assertFalse(lead("lead-43").get("competitor").asBoolean());
    }

    private JsonNode lead(String leadId) {
        return body(200, QueryRequests.get(handler, "GET /v1/leads/{leadId}", Map.of("leadId", leadId), Map.of()));
    }

    private void score(String leadId, List<Activity> activities) {
        scoring.groups(Map.of(leadId, activities)).forEach(scoring::apply);
    }

    private static Activity activity(String leadId, String id, String type, Instant at, Map<String, Object> properties) {
        return new Activity(id, type, leadId, at, properties, "acme-site", at);
    }
}
