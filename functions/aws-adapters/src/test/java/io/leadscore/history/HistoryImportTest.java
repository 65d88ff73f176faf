package io.leadscore.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.activity.FieldError;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.ImportedActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import io.leadscore.scoring.ScoringRun;
import io.leadscore.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import of history on DynamoDB Local: events older than the live age limit are accepted through it, each
 * recorded once, bad ones refused by field, and a lead ends as its whole history replayed in time order.
 */
class HistoryImportTest {
    static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");
    static final ScoringModel MODEL = ModelLoader.defaultModel();

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private LeadStore leads;
    private HistoryImport history;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        leads = new LeadStore(dynamoDb.client(), table, clock, Retention.DEFAULT);
        history = new HistoryImport(new ImportedActivityStore(dynamoDb.client(), table,
                new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT), Optional.empty()), leads, MODEL,
                Retention.DEFAULT, clock);
    }

    @Test
    void historyTwoHundredDaysOldIsAcceptedThroughTheImportWhileIngestRefusesIt() {
        ObjectNode old = event("crm-1", "form_submit", "dana", NOW.minus(Duration.ofDays(200)), "formId", "demo-request");

        ActivityValidator.Checked atIngest = new ActivityValidator(MODEL).check(old, "", "site", NOW);
        ImportAnswer answer = history.run(new ImportBatch(List.of(old), false));

        assertEquals(List.of("timestamp"), atIngest.errors().stream().map(FieldError::field).toList());
        assertEquals(new ImportAnswer(1, 0, List.of()), answer);
        Lead dana = leads.lead("dana").orElseThrow();
        assertEquals(replayed("dana"), comparable(dana));
        assertEquals(1, dana.appliedActivities());
    }

    private static ObjectNode event(String eventId, String type, String leadId, Instant at, String... properties) {
        ObjectNode event = Json.mapper().createObjectNode().put("eventId", eventId).put("type", type)
                .put("leadId", leadId).put("timestamp", at.toString());
        ObjectNode props = event.putObject("properties");
        for (int i = 0; i < properties.length; i += 2) {
            props.put(properties[i], properties[i + 1]);
        }
        return event;
    }

    /** What a lead's score is made of, for comparing a stored lead with a replay. */
    record Comparable(int score, Map<String, Integer> groups, Instant coldSince, Instant nextDueAt,
                      Map<String, Instant> decayedAt, Object breakdown) {
    }

    static Comparable comparable(Lead lead) {
        return new Comparable(lead.score(), lead.groups(), lead.coldSince(), lead.nextDueAt(), lead.decayedAt(),
                lead.breakdown());
    }

    private Comparable replayed(String leadId) {
        return comparable(new Rescorer(MODEL).replay(leadId, leads.recorded(leadId, true), List.of(), NOW));
    }
}
