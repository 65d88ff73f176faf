package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Contribution;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lifecycle.Stage;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19's competitor test through the score function on DynamoDB Local: the published model lists Globex; the
 * sample lead (fit 30) joins it, loses all its fit in that event's ledger entry, which says why, passes 100 points on
 * behaviour without being announced, and on leaving gets its fit back and qualifies.
 */
class CompetitorScoringTest {
    private static final String SAMPLE_BATCH = "../../events/score/new-activities.json";
    private static final Instant AT = Instant.parse("2026-11-23T11:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ScoreHandler handler;
    private LeadStore leads;

    @BeforeEach
    void publishedWithCompetitors() {
        dynamoDb.freshTables();
        new ModelStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable")).seed("default", new ModelSeed(
                ModelSeed.of(null).yaml() + "competitors:\n  when: { any: [{ company: { in: [Globex, Initech] } },"
                        + " { email: { regex: \"@(globex|initech)\\\\.com$\" } }] }\n", "a competitor list"), AT);
        handler = new ScoreHandler(new Environment(LocalFunctions.environment("ScoreFunction")));
        leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(),
                Retention.DEFAULT);
    }

    @Test
    void aLeadThatJoinsACompetitorLosesItsFitAtOnceIsNeverAnnouncedAndGetsItBackOnLeaving() {
        score(EventLoader.loadDynamoDbEvent(SAMPLE_BATCH));
        assertEquals(30, lead().fit());

        score(batch(activity("join", "profile_update", AT, Map.of("company", "Globex"))));

        LedgerEntry joined = entry("join");
        assertEquals(-30, joined.change());
        assertEquals(List.of("title-decision-maker", "target-industry", "company-size-fit", "target-country"),
                joined.contributions().stream().map(Contribution::rule).toList());
        assertTrue(joined.contributions().stream().allMatch(c -> c.note().equals(
                "works at a listed competitor (company: Globex)")), joined.toString());
        assertEquals(0, lead().fit());

        // Behaviour still counts: 35 + pricing 30 + sales CTA 10 + two whitepapers 20 + a webinar 8 = 103.
        score(batch(activity("p2", "page_view", AT.plusSeconds(60), Map.of("url", "https://acme.example/pricing")),
                activity("p3", "page_view", AT.plusSeconds(120), Map.of("url", "https://acme.example/pricing")),
                activity("cta", "click", AT.plusSeconds(180), Map.of("element", "talk-to-sales")),
                activity("wp1", "form_submit", AT.plusSeconds(240), Map.of("formId", "whitepaper-a")),
                activity("wp2", "form_submit", AT.plusSeconds(300), Map.of("formId", "whitepaper-b")),
                activity("web", "form_submit", AT.plusSeconds(360), Map.of("formId", "webinar-q4"))));
        assertEquals(103, lead().score());
        assertEquals(Stage.LEAD, lead().stage(), "not handed to sales");
        assertTrue(lead().qualifications().values().stream().noneMatch(q -> q.qualified()), lead().toString());
        assertEquals(0, outboxRows(), "nothing announced");

        score(batch(activity("leave", "profile_update", AT.plusSeconds(420), Map.of("company", "Hooli"))));

        assertEquals(30, entry("leave").change());
        assertEquals("no longer at a listed competitor: company changed from 'Globex' to 'Hooli'",
                entry("leave").contributions().get(0).note());
        assertEquals(133, lead().score());
        assertEquals(Stage.MQL, lead().stage());
        assertEquals(1, outboxRows(), "LeadQualified, once");
    }

    private void score(DynamodbEvent batch) {
        assertTrue(handler.handleRequest(batch, null).getBatchItemFailures().isEmpty());
    }

    private Lead lead() {
        return leads.lead("lead-42").orElseThrow();
    }

    private LedgerEntry entry(String eventId) {
        return leads.recentLedger("lead-42", 100).stream().filter(e -> e.eventId().equals(eventId)).findFirst()
                .orElseThrow();
    }

    private long outboxRows() {
        return dynamoDb.client().scanPaginator(request -> request.tableName(dynamoDb.tableName("LeadScoreTable"))
                .filterExpression("kind = :outbox").expressionAttributeValues(Map.of(":outbox",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("outbox")))).items()
                .stream().count();
    }

    /** A stream batch of new activities of lead-42, shaped as the sample's records. */
    private static DynamodbEvent batch(DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbEvent batch = new DynamodbEvent();
        batch.setRecords(new ArrayList<>(List.of(records)));
        return batch;
    }

    private static DynamodbEvent.DynamodbStreamRecord activity(String eventId, String type, Instant at,
                                                               Map<String, String> properties) {
        DynamodbEvent.DynamodbStreamRecord record = EventLoader.loadDynamoDbEvent(SAMPLE_BATCH).getRecords().get(0);
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        image.put("eventId", new AttributeValue().withS(eventId));
        image.put("sk", new AttributeValue().withS("ACT#" + eventId));
        image.put("type", new AttributeValue().withS(type));
        image.put("occurredAt", new AttributeValue().withS(at.toString()));
        image.put("receivedAt", new AttributeValue().withS(at.toString()));
        Map<String, AttributeValue> props = new java.util.HashMap<>();
        properties.forEach((name, value) -> props.put(name, new AttributeValue().withS(value)));
        image.put("properties", new AttributeValue().withM(props));
        record.getDynamodb().getKeys().put("sk", new AttributeValue().withS("ACT#" + eventId));
        return record;
    }
}
