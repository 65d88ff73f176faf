package io.leadscore.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryRequests.get;
import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lead API on DynamoDB Local: the points still to expire on the lead, and the expiries taken in its ledger. */
class ExpiringPointsQueryTest {
    private static final String YAML = """
            model: expiring
            eventTypes: { webinar: {} }
            thresholds: { salesReady: 100 }
            decay: none
            cold: none
            rules: [ { id: webinar, description: Attended a webinar, event: webinar, points: 20, expires: 90d } ]
            """;
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Test
    void showsThePendingExpiriesAndTheExpiryEntriesWithTheirReason(@TempDir Path dir) throws IOException {
        dynamoDb.freshTables();
        Path model = Files.writeString(dir.resolve("expiring.yaml"), YAML);
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("QueryFunction"));
        env.put("MODEL_PATH", model.toString());
        env.put("MODEL_ID", "expiring");
        QueryHandler handler = new QueryHandler(new Environment(env));
        ScoringModel scoring = ModelLoader.parse(YAML, "test");
        LeadStore leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT);
        ScoringRun run = new ScoringRun(leads, scoring, Clock.systemUTC());
        Instant later = T0.plus(Duration.ofDays(10));
        run.apply(new ScoringRun.Group(Map.of("lead-42", List.of(
                new Activity("w1", "webinar", "lead-42", T0, Map.of(), "site", T0),
                new Activity("w2", "webinar", "lead-42", later, Map.of(), "site", later))), null));
        run.decay("lead-42", T0.plus(Duration.ofDays(95)));

        JsonNode lead = body(200, get(handler, "GET /v1/leads/{leadId}", Map.of("leadId", "lead-42"), Map.of()));
        JsonNode ledger = body(200, get(handler, "GET /v1/leads/{leadId}/ledger", Map.of("leadId", "lead-42"),
                Map.of()));

        assertEquals(20, lead.get("score").asInt());
        assertEquals(1, lead.get("expiring").size());
        JsonNode pending = lead.at("/expiring/0");
        assertEquals(List.of("webinar", "Attended a webinar", "20", "2026-09-11T09:00:00Z", "2026-12-10T09:00:00Z"),
                List.of(pending.get("rule").asText(), pending.get("description").asText(),
                        pending.get("points").asText(), pending.get("earnedAt").asText(), pending.get("at").asText()));
        JsonNode expiry = ledger.at("/items/2");
        assertEquals(List.of("expiry", "2026-11-30T09:00:00Z", "-20", "20"), List.of(expiry.get("reason").asText(),
                expiry.get("occurredAt").asText(), expiry.get("change").asText(), expiry.get("scoreAfter").asText()));
        assertEquals("points from 2026-09-01 expired (expires: 90d)", expiry.at("/contributions/0/note").asText());
    }
}
