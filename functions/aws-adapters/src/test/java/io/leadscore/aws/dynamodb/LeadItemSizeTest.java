package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.LeadScorer;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lead's item of the price benchmark's shape ({@code PricePerEvent}: a member loaded by an identify event, then a
 * visit of five events in one batch) under 1 KB by DynamoDB's rules, so that each write of it is one unit (two in the
 * scoring transaction), and its rank index entry likewise.
 */
class LeadItemSizeTest {
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private static final String SITE = "https://acme.example";

    @Test
    void aLeadOfThePriceBenchmarksShapeFitsInOneKilobyte() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        LeadScorer scorer = new LeadScorer(ModelLoader.defaultModel());
        Instant now = Instant.parse("2026-12-01T10:15:30.123456789Z"); // as Instant.now(): fractions of a second
        for (String last : List.of("form_submit|formId|demo-request", "page_view|url|" + SITE + "/products/analytics")) {
            String lead = "lead-199-" + (last.startsWith("form") ? "995" : "996"); // accounts of 1,000: the longest ids
            score(leads, lead, List.of(new Activity("load-" + lead, "identify", lead, now.minusSeconds(60), Map.of(
                    "email", lead + "@company-199.example", "jobTitle", "Head of Operations", "industry", "software",
                    "companySize", BigDecimal.valueOf(250), "country", "US"), "bench-load", now)), scorer);
            List<Activity> visit = new ArrayList<>();
            for (String event : List.of("page_view|url|" + SITE + "/blog/lead-scoring", "page_view|url|" + SITE
                    + "/pricing", "page_view|url|" + SITE + "/customers/globex", "page_engaged|url|" + SITE + "/pricing",
                    last)) {
                String[] typeAndProperty = event.split("\\|");
                Map<String, Object> properties = typeAndProperty[0].equals("page_engaged")
                        ? Map.of("url", typeAndProperty[2], "seconds", BigDecimal.valueOf(45))
                        : Map.of(typeAndProperty[1], typeAndProperty[2]);
                Instant at = now.plusSeconds(visit.size());
                visit.add(new Activity("b0-" + lead + "-" + visit.size(), typeAndProperty[0], lead, at, properties,
                        "www", at));
            }
            score(leads, lead, visit, scorer);

            Map<String, AttributeValue> item = dynamoDb.client().getItem(GetItemRequest.builder().tableName(table)
                    .key(LeadTable.key(LeadTable.leadPk(lead), LeadTable.LEAD_SK)).build()).item();
            int bytes = AttributeValues.itemSize(item);
            assertTrue(bytes < 1024, lead + ": " + bytes + " bytes");
            Map<String, AttributeValue> entry = new HashMap<>(item);
            entry.keySet().retainAll(Set.of("pk", "sk", "rankShard", "rankScore", "id", "fit", "engagement", "groups",
                    "accountId", "profile", "qualifications", "coldSince", "lastActivityAt", "nps", "stage"));
            int entryBytes = AttributeValues.itemSize(entry) + 100; // an index entry's overhead, as DynamoDB bills it
            assertTrue(entryBytes < 1024, lead + "'s rank index entry: " + entryBytes + " bytes");
            System.out.printf("%s: item %d B, rank index entry %d B%n", lead, bytes, entryBytes);
        }
    }
}
