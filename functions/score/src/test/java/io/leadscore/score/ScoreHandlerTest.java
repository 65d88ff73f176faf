package io.leadscore.score;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The score handler fed with the sample stream batch in events/score, on DynamoDB Local. */
class ScoreHandlerTest {
    private static final String SAMPLE_BATCH = "../../events/score/new-activities.json";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ScoreHandler handler;
    private LeadStore leads;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        handler = new ScoreHandler(new Environment(LocalFunctions.environment("ScoreFunction")));
        leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(), Retention.DEFAULT);
    }

    @Test
    void scoresEachLeadOfABatchWithTheDefaultModel() {
        StreamsEventResponse response = handler.handleRequest(sample(), null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        Lead dana = leads.lead("lead-42").orElseThrow();
        // pricing page 15 + demo request 20 (both platform) + fit: VP 5, software 10, size 250 10, US 5
        assertEquals(65, dana.score());
        assertEquals(30, dana.fit());
        assertEquals(35, dana.engagement());
        assertEquals(Map.of("platform", 35), dana.groups());
        assertEquals(15, dana.breakdown().get("pricing-page").points());
        assertEquals(5, dana.breakdown().get("title-decision-maker").points());
        // whitepaper 10, careers page -10
        assertEquals(0, leads.lead("lead-77").orElseThrow().score());
        assertEquals(3, leads.recentLedger("lead-42", 10).size(), "one ledger entry per event");
    }

    /**
     * Each ledger entry expires the template's RetentionDays (730) after its event, with it: a lead's entries of one
     * batch share an item, which expires with the newest of them (a fold spans at most an hour of event time).
     */
    @Test
    void ledgerEntriesExpireTheRetentionAfterTheirEvents() {
        handler.handleRequest(sample(), null);

        Map<String, Instant> newestExpiry = new TreeMap<>();
        dynamoDb.client().scanPaginator(request -> request.tableName(dynamoDb.tableName("LeadScoreTable"))
                .filterExpression("kind = :ledger").expressionAttributeValues(Map.of(":ledger",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ledger")))).items()
                .forEach(item -> newestExpiry.merge(item.get("pk").s().substring("LEAD#".length()),
                        Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())).minus(Duration.ofDays(730)),
                        (a, b) -> a.isAfter(b) ? a : b));
        Map<String, Instant> newestEntry = new TreeMap<>();
        newestExpiry.keySet().forEach(leadId -> newestEntry.put(leadId, leads.ledger(leadId).stream()
                .map(LedgerEntry::occurredAt).max(Comparator.naturalOrder()).orElseThrow()));
        assertEquals(5, newestExpiry.keySet().stream().mapToInt(leadId -> leads.ledger(leadId).size()).sum());
        assertEquals(newestEntry, newestExpiry, "expiresAt - 730 days, the newest entry's occurredAt");
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        handler.handleRequest(sample(), null);
        Lead before = leads.lead("lead-42").orElseThrow();

        StreamsEventResponse again = handler.handleRequest(sample(), null);

        assertTrue(again.getBatchItemFailures().isEmpty());
        assertEquals(before, leads.lead("lead-42").orElseThrow(), "same score, same revision");
        assertEquals(3, leads.recentLedger("lead-42", 10).size());
    }

    @Test
    void aBatchRetriedFromTheMiddleAppliesOnlyWhatWasMissing() {
        DynamodbEvent firstTwo = sample();
        firstTwo.setRecords(new ArrayList<>(firstTwo.getRecords().subList(0, 2)));
        handler.handleRequest(firstTwo, null);
        assertEquals(45, leads.lead("lead-42").orElseThrow().score(), "pricing 15 + fit 30");

        handler.handleRequest(sample(), null);

        assertEquals(65, leads.lead("lead-42").orElseThrow().score());
        assertEquals(0, leads.lead("lead-77").orElseThrow().score());
    }

    @Test
    void anUnreadableRecordIsReportedSoLambdaRetriesFromIt() {
        DynamodbEvent batch = sample();
        var broken = batch.getRecords().get(2);
        broken.getDynamodb().getNewImage().put("occurredAt", new AttributeValue().withS("yesterday"));

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertEquals(List.of(broken.getDynamodb().getSequenceNumber()),
                response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertEquals(45, leads.lead("lead-42").orElseThrow().score(), "records before it are applied");
        assertTrue(leads.lead("lead-77").isEmpty(), "nothing after it is applied before it");
    }

    @Test
    void recordsThatAreNotActivitiesAreIgnored() {
        DynamodbEvent batch = sample();
        batch.getRecords().forEach(r -> r.getDynamodb().getNewImage().put("kind", new AttributeValue().withS("lead")));

        assertTrue(handler.handleRequest(batch, null).getBatchItemFailures().isEmpty());
        assertTrue(leads.lead("lead-42").isEmpty());
    }

    private static DynamodbEvent sample() {
        return EventLoader.loadDynamoDbEvent(SAMPLE_BATCH);
    }
}
