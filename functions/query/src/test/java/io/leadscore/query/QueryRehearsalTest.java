package io.leadscore.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.ScoringRehearsal;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart's rehearsal of the query function ({@link QueryHandler#rehearse}) on DynamoDB Local: the rehearsal's
 * buyer, scored in memory with the published model, is shown as GET /v1/leads/{leadId} shows a lead, and the table
 * is left as it was.
 */
class QueryRehearsalTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Test
    void showsTheRehearsedLeadWithoutChangingTheTable() {
        dynamoDb.freshTables();
        QueryHandler handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        // The published model seeded, as a deployed table has it.
        handler.rehearse();
        List<Map<String, AttributeValue>> before = scan();

        JsonNode lead = body(200, handler.rehearse());

        assertEquals(before, scan(), "priming writes nothing");
        assertEquals(ScoringRehearsal.BUYER, lead.get("leadId").asText());
        // fit 30 (VP 5, software 10, size 250 10, US 5); pricing 15 twice, demo request 20, talk to sales 10,
        // demo page 10, pricing read 5
        assertEquals(105, lead.get("score").asInt());
        assertTrue(lead.at("/thresholds/0/reached").asBoolean(), "over the default model's sales-ready line");
        assertEquals(7, lead.get("recentLedger").size());
        assertEquals(105, lead.at("/recentLedger/0/scoreAfter").asInt(), "newest first");
    }

    private List<Map<String, AttributeValue>> scan() {
        return dynamoDb.client().scan(r -> r.tableName(dynamoDb.tableName("LeadScoreTable")).consistentRead(true))
                .items();
    }
}
