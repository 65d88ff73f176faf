package io.leadscore.redrive;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /v1/ops/redrive over DynamoDB Local and the local EventBridge: activities no score function saw, received
 * on 30 November between 10:00 and 10:05, and a job's segment whose publish failed for good, stored at 09:00.
 */
class OpsHandlerTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final String ROUTE = "POST /v1/ops/redrive";
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final String table = dynamoDb.tableName("LeadScoreTable");
    private final LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
    private final LocalEventBus bus = LocalEventBus.start(TEMPLATE, Duration.ofMillis(10));
    private OpsHandler handler;

    @BeforeEach
    void activitiesAndARecordLeftUnpublished() {
        dynamoDb.freshTables();
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT);
        activities.record(pageView("ann-1", "lead-ann", Instant.parse("2026-11-30T10:00:30Z")));
        activities.record(pageView("ann-2", "lead-ann", Instant.parse("2026-11-30T10:04:00Z")));
        activities.record(pageView("ben-1", "lead-ben", Instant.parse("2026-11-30T11:00:00Z")));
        new Outbox(dynamoDb.client(), table).storeOnce(new JobSegmentReady("job-1", JobSegmentReady.RESCORE, "default",
                2, 0, 8, 1), Instant.parse("2026-11-30T09:00:00Z"));
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(TEMPLATE, dynamoDb, bus, "OpsFunction"));
        env.put(Clocks.CLOCK_START, NOW.toString());
        handler = new OpsHandler(new Environment(env));
    }

    @AfterEach
    void stopTheBus() {
        bus.close();
    }

    @Test
    void reScoresTheWindowAndRePublishesWhatWasLeftThenAgainAppliesNothing() {
        APIGatewayV2HTTPResponse first = handler.handleRequest(redrive(Map.of("from", "2026-11-30T10:00:00Z",
                "to", "2026-11-30T10:05:00Z")), null);

        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode report = json(first.getBody());
        assertEquals(2, report.get("activitiesFound").asInt());
        assertEquals(2, report.get("activitiesRescored").asInt());
        assertEquals(0, report.get("activitiesAlreadyApplied").asInt());
        assertEquals(1, report.get("recordsRepublished").asInt());
        assertEquals(0, report.get("recordsFailed").asInt());
        assertEquals(30, leads.lead("lead-ann").orElseThrow().score(), "two pricing page views, 15 points each");
        assertTrue(leads.lead("lead-ben").isEmpty(), "received outside the window");
        assertEquals(1, bus.published().size());

        JsonNode again = json(handler.handleRequest(redrive(Map.of("from", "2026-11-30T10:00:00Z",
                "to", "2026-11-30T10:05:00Z")), null).getBody());
        assertEquals(0, again.get("activitiesRescored").asInt());
        assertEquals(2, again.get("activitiesAlreadyApplied").asInt());
        assertEquals(0, again.get("recordsRepublished").asInt());
        assertEquals(30, leads.lead("lead-ann").orElseThrow().score());
        assertEquals(1, bus.published().size());
    }

    @Test
    void aBadWindowIsRefusedNamingTheField() {
        assertRefused("from", "missing_from", Map.of("to", "2026-11-30T10:05:00Z"));
        assertRefused("from", "invalid_from", Map.of("from", "yesterday", "to", "2026-11-30T10:05:00Z"));
        assertRefused("to", "invalid_to", Map.of("from", "2026-11-30T10:00:00Z", "to", "2026-11-30T09:00:00Z"));
        assertRefused("to", "invalid_to", Map.of("from", "2026-11-29T10:00:00Z", "to", "2026-11-30T10:00:01Z"));
        assertRefused("since", "unknown_parameter", Map.of("since", "2026-11-30T10:00:00Z"));
        assertTrue(leads.lead("lead-ann").isEmpty(), "nothing done");
        assertEquals(0, bus.published().size());
    }

    @Test
    void aDayIsTheLongestWindow() {
        assertEquals(200, handler.handleRequest(redrive(Map.of("from", "2026-11-29T10:05:00Z",
                "to", "2026-11-30T10:05:00Z")), null).getStatusCode());
    }

    @Test
    void aCallerWithoutIamIsRefused() {
        APIGatewayV2HTTPEvent request = redrive(Map.of("from", "2026-11-30T10:00:00Z", "to", "2026-11-30T10:05:00Z"));
        request.getRequestContext().setAuthorizer(null);

        assertEquals(403, handler.handleRequest(request, null).getStatusCode());
        assertTrue(leads.lead("lead-ann").isEmpty());
    }

    private void assertRefused(String field, String code, Map<String, String> query) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(redrive(query), null);
        assertEquals(400, response.getStatusCode(), response.getBody());
        JsonNode error = json(response.getBody()).get("error");
        assertEquals(field, error.get("field").asText(), response.getBody());
        assertEquals(code, error.get("code").asText(), response.getBody());
    }

    private static APIGatewayV2HTTPEvent redrive(Map<String, String> query) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(ROUTE).withQueryStringParameters(new HashMap<>(query))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                        .withUserArn("arn:aws:iam::123456789012:user/ops").build())
                                .build())
                        .build())
                .build();
    }

    private static Activity pageView(String eventId, String leadId, Instant receivedAt) {
        return new Activity(eventId, "page_view", leadId, receivedAt.minusSeconds(5),
                Map.of("url", "https://acme.example/pricing"), "site", receivedAt);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
