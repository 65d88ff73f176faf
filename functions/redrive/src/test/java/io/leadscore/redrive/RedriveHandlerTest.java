package io.leadscore.redrive;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The redrive handler fed the failure record in events/redrive, over activities stored in DynamoDB Local that no
 * score function ever saw: the record's batch arrived from 10:00:00 to 10:00:02 on 30 November.
 */
class RedriveHandlerTest {
    private static final String FAILURE_RECORD = "../../events/redrive/failure-record.json";
    private static final String PRICING = "https://acme.example/pricing";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final String table = dynamoDb.tableName("LeadScoreTable");
    private final LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
    private RedriveHandler handler;

    @BeforeEach
    void activitiesInAndAroundTheFailedBatch() {
        dynamoDb.freshTables();
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT);
        activities.record(pageView("ann-1", "lead-ann", Instant.parse("2026-11-30T10:00:00.400Z")));
        activities.record(pageView("ann-2", "lead-ann", Instant.parse("2026-11-30T10:00:01.700Z")));
        // Received just before the first arrival: within the margin, as stream times are rounded to the second.
        activities.record(pageView("cy-1", "lead-cy", Instant.parse("2026-11-30T09:59:59.900Z")));
        // Received minutes later: another batch's, which the stream delivers itself.
        activities.record(pageView("ben-1", "lead-ben", Instant.parse("2026-11-30T10:05:00Z")));
        handler = new RedriveHandler(new Environment(LocalFunctions.environment("RedriveFunction")));
    }

    @Test
    void reScoresTheActivitiesReceivedInTheFailedBatchsSpanOnceHoweverOftenItRuns() {
        SQSEvent failure = EventLoader.loadSQSEvent(FAILURE_RECORD);

        assertEquals(List.of(), handler.handleRequest(failure, null).getBatchItemFailures());
        Lead ann = leads.lead("lead-ann").orElseThrow();
        assertEquals(2, ann.appliedActivities());
        assertEquals(30, ann.score(), "two pricing page views, 15 points each");
        assertEquals(15, leads.lead("lead-cy").orElseThrow().score());
        assertTrue(leads.lead("lead-ben").isEmpty(), "an activity received outside the span is left to the stream");

        assertEquals(List.of(), handler.handleRequest(failure, null).getBatchItemFailures());
        assertEquals(ann, leads.lead("lead-ann").orElseThrow(), "a second redrive applies nothing again");
        assertEquals(2, leads.ledger("lead-ann").size());
    }

    @Test
    void aMessageThatIsNoFailureRecordStaysInTheQueue() {
        SQSEvent event = EventLoader.loadSQSEvent(FAILURE_RECORD);
        event.getRecords().get(0).setBody("{\"DDBStreamBatchInfo\": {\"shardId\": \"s\"}}");

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(List.of(event.getRecords().get(0).getMessageId()),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertTrue(leads.lead("lead-ann").isEmpty());
    }

    @Test
    void aFailureRecordIsReadByItsFieldsAndAnUnreadableOneNamesTheField() {
        FailedBatch batch = FailedBatch.parse(EventLoader.loadSQSEvent(FAILURE_RECORD).getRecords().get(0).getBody());
        assertEquals(new FailedBatch("shardId-00000001796000000000-abcdef01", "4100000000000000000001",
                "4100000000000000000002", Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T10:00:02Z")),
                batch);

        assertEquals("DDBStreamBatchInfo.approximateArrivalOfFirstRecord is missing or not a string",
                assertThrows(IllegalArgumentException.class, () -> FailedBatch.parse(
                        "{\"DDBStreamBatchInfo\": {\"shardId\": \"s\", \"startSequenceNumber\": \"1\","
                                + " \"endSequenceNumber\": \"2\"}}")).getMessage());
        assertEquals("DDBStreamBatchInfo.approximateArrivalOfLastRecord is not an ISO-8601 instant: yesterday",
                assertThrows(IllegalArgumentException.class, () -> FailedBatch.parse(
                        "{\"DDBStreamBatchInfo\": {\"shardId\": \"s\", \"startSequenceNumber\": \"1\","
                                + " \"endSequenceNumber\": \"2\", \"approximateArrivalOfFirstRecord\": \"2026-11-30T10:00:00Z\","
                                + " \"approximateArrivalOfLastRecord\": \"yesterday\"}}")).getMessage());
        assertEquals("DDBStreamBatchInfo is missing: the message is not a stream batch's failure record",
                assertThrows(IllegalArgumentException.class, () -> FailedBatch.parse("{}")).getMessage());
    }

    private static Activity pageView(String eventId, String leadId, Instant receivedAt) {
        return new Activity(eventId, "page_view", leadId, receivedAt.minusSeconds(5), Map.of("url", PRICING), "site",
                receivedAt);
    }
}
