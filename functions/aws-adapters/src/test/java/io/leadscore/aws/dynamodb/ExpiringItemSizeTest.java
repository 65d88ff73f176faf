package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the bound on a lead's grants to expire costs its item, by DynamoDB's rules: a full list of
 * {@value Lead#MAX_EXPIRING} grants (event ids as long as UUIDs) under 8 KB, and a grant past the bound adds nothing.
 */
class ExpiringItemSizeTest {
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Test
    void aFullListOfGrantsToExpireStaysUnderEightKilobytes() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        LeadScorer scorer = new LeadScorer(ModelLoader.parse("""
                model: expiring
                eventTypes: { webinar_attended: {} }
                rules:
                  - { id: webinar-attended, event: webinar_attended, points: 20, group: platform, expires: 90d }
                groups: { platform: { name: Platform } }
                """, "test"));
        String lead = "dana.diaz@acme-industries.example";
        List<Activity> history = new ArrayList<>();
        for (int i = 0; i <= Lead.MAX_EXPIRING; i++) {
            Instant at = T0.plusSeconds(3_600L * i);
            history.add(new Activity(UUID.nameUUIDFromBytes(new byte[]{(byte) i}).toString(), "webinar_attended", lead,
                    at, Map.of(), "www", at));
        }

        score(leads, lead, history.subList(0, Lead.MAX_EXPIRING), scorer);
        int full = leadItemSize(table, lead);
        score(leads, lead, history.subList(Lead.MAX_EXPIRING, history.size()), scorer);
        int past = leadItemSize(table, lead);

        System.out.printf("lead item with %d grants to expire: %d B%n", Lead.MAX_EXPIRING, full);
        assertTrue(full < 8 * 1024, full + " bytes");
        assertEquals(Lead.MAX_EXPIRING, leads.lead(lead).orElseThrow().expiring().size());
        assertTrue(Math.abs(past - full) < 16, "bounded: " + full + " -> " + past + " bytes");
    }

    private static int leadItemSize(String table, String leadId) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                "sk", AttributeValue.fromS(LeadTable.LEAD_SK));
        return AttributeValues.itemSize(dynamoDb.client().getItem(GetItemRequest.builder().tableName(table).key(key)
                .build()).item());
    }
}
