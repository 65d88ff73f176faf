package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The largest page GET /v1/leads can answer stays within Lambda's 6 MB response: 100 leads whose name and email are
 * each as long as ingest accepts ({@link ActivityValidator#MAX_TEXT_LENGTH} characters), of a letter that takes three
 * bytes in UTF-8, with ids as long as allowed.
 */
class LeadPageSizeTest {
    private static final int LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;

    @Test
    void aFullPageOfTheLongestRowsFitsLambdasResponseAsCsvAndAsJson() {
        LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
        dynamoDb.freshTables();
        QueryHandler handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        String longest = "語".repeat(ActivityValidator.MAX_TEXT_LENGTH);
        Instant at = Instant.parse("2026-11-02T09:00:00Z");
        List<Lead> leads = new ArrayList<>();
        for (int i = 0; i < Paging.MAX_LIMIT; i++) {
            String id = String.format("%03d", i).repeat(42) + "xx"; // 128 characters, the longest id
            leads.add(Lead.newLead(id).toBuilder().accountId(id).lastActivityAt(at)
                    .profile(Map.of("email", longest, "firstName", longest, "lastName", longest))
                    .breakdown(Map.of("title", new RuleTally(ScoreKind.FIT, null, i, 1, at)))
                    .build());
        }
        new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(), Retention.DEFAULT)
                .importLeads(leads);

        for (String format : List.of("csv", "json")) {
            APIGatewayV2HTTPResponse page = QueryRequests.get(handler, "GET /v1/leads", Map.of(),
                    Map.of("format", format, "limit", String.valueOf(Paging.MAX_LIMIT)));
            assertEquals(200, page.getStatusCode());
            int bytes = page.getBody().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes > Paging.MAX_LIMIT * 3 * 3 * ActivityValidator.MAX_TEXT_LENGTH, "every row is in: " + bytes);
            assertTrue(bytes < LAMBDA_RESPONSE_LIMIT / 2, format + ": " + bytes + " bytes");
            System.out.println("[size] a page of " + Paging.MAX_LIMIT + " of the longest leads as " + format + ": "
                    + bytes + " bytes");
        }
    }
}
