package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.LeadScorer;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The item sizes the README's per-lead write ceiling assumes, measured by DynamoDB's rules for what an item costs:
 * an activity and a ledger entry each under 1 KB (one write unit, two in a transaction), and a lead with a
 * months-long history of the default model's rules a few KB.
 */
class ItemSizeTest {
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");
    private static final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();

    @Test
    void activitiesAndLedgerEntriesFitInOneKilobyteAndALongHistoryInAFewKilobytes() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT);
        String lead = "dana.diaz@acme-industries.example";
        List<Activity> history = new ArrayList<>();
        for (int day = 0; day < 90; day++) { // three months of a buyer reading, downloading, clicking, updating
            Instant at = T0.plusSeconds(86_400L * day);
            history.add(new Activity("evt-" + day + "-a", "page_view", lead, at, Map.of("url",
                    "https://www.acme-industries.example/" + List.of("pricing", "customers/globex", "blog/how-we-score",
                            "demo", "pricing/enterprise").get(day % 5) + "?utm_source=newsletter&utm_campaign=q4-launch"),
                    "www", at));
            history.add(new Activity("evt-" + day + "-b", day % 3 == 0 ? "form_submit" : "email_click", lead,
                    at.plusSeconds(60), day % 3 == 0 ? Map.of("formId", "whitepaper-" + day % 7)
                    : Map.of("campaign", "nurture-" + day % 4), "www", at.plusSeconds(60)));
            if (day % 30 == 0) {
                history.add(new Activity("evt-" + day + "-c", "identify", lead, at.plusSeconds(120), Map.of(
                        "email", lead, "firstName", "Dana", "lastName", "Diaz", "company", "Acme Industries",
                        "jobTitle", "Vice President, Engineering", "industry", "software",
                        "companySize", BigDecimal.valueOf(250 + day), "country", "US"), "www", at.plusSeconds(120)));
            }
        }
        history.forEach(activities::record);
        score(leads, lead, history, new LeadScorer(ModelLoader.defaultModel()));

        int largestActivity = largest(table, lead, "ACT#");
        int largestEntry = largest(table, lead, "LEDGER#");
        int leadItem = largest(table, lead, "LEAD");
        System.out.printf("item sizes: activity %d B, ledger entry %d B, lead after %d events %d B%n",
                largestActivity, largestEntry, history.size(), leadItem);
        assertTrue(largestActivity < 1024, largestActivity + " bytes");
        assertTrue(largestEntry < 1024, largestEntry + " bytes");
        assertTrue(leadItem < 4 * 1024, leadItem + " bytes");
    }

    /** The largest item of the lead's partition whose sort key starts with {@code prefix}, in DynamoDB's bytes. */
    private static int largest(String table, String leadId, String prefix) {
        return dynamoDb.client().queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                                ":prefix", AttributeValue.fromS(prefix))).build())
                .items().stream().mapToInt(AttributeValues::itemSize).max().orElseThrow();
    }
}
