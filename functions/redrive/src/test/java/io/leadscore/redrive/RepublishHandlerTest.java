package io.leadscore.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.dynamodb.UnpublishedOutbox;
import io.leadscore.aws.events.OutboxRepublish;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled re-publish over DynamoDB Local and the local EventBridge: a job's segment stored in the outbox at
 * {@link #WRITTEN} whose publish batch failed for good (the stream never marked it), with the template's delay
 * (RepublishAfterMinutes, 15).
 */
class RepublishHandlerTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final Instant WRITTEN = Instant.parse("2026-11-30T10:00:00Z");
    private static final JobSegmentReady SEGMENT = new JobSegmentReady("job-7f3a", JobSegmentReady.RESCORE, "default",
            3, 2, 8, 1);

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final String table = dynamoDb.tableName("LeadScoreTable");
    private final Outbox outbox = new Outbox(dynamoDb.client(), table);
    private final UnpublishedOutbox unpublished = new UnpublishedOutbox(dynamoDb.client(), table);
    private final List<LocalEventBus> buses = new ArrayList<>();

    @BeforeEach
    void aSegmentLeftUnpublished() {
        dynamoDb.freshTables();
        assertTrue(outbox.storeOnce(SEGMENT, WRITTEN));
    }

    @AfterEach
    void stopTheBuses() {
        buses.forEach(LocalEventBus::close);
    }

    @Test
    void aRecordLeftUnpublishedIsPublishedOnceTheDelayIsOverAndNotBefore() {
        LocalEventBus bus = bus();

        OutboxRepublish.Outcome early = handler(bus, WRITTEN.plus(Duration.ofMinutes(15)).minusSeconds(30))
                .handleRequest(Map.of(), null);
        assertEquals(new OutboxRepublish.Outcome(0, 0, 0, 0, 0), early);
        assertEquals(List.of(), bus.published());

        Instant due = WRITTEN.plus(Duration.ofMinutes(15));
        OutboxRepublish.Outcome outcome = handler(bus, due).handleRequest(Map.of(), null);

        assertEquals(new OutboxRepublish.Outcome(1, 1, 0, 0, 0), outcome);
        assertEquals(1, bus.published().size());
        JsonNode event = json(bus.published().get(0).json());
        assertEquals("JobSegmentReady", event.get("detail-type").asText());
        assertEquals("job-7f3a", event.at("/detail/jobId").asText());
        assertEquals(2, event.at("/detail/segment").asInt());
        Instant publishedAt = outbox.forJob("job-7f3a").get(0).publishedAt();
        assertTrue(!publishedAt.isBefore(due) && publishedAt.isBefore(due.plusSeconds(10)), "marked " + publishedAt);
        assertEquals(List.of(), stillUnpublished(), "marked, so off the index");
    }

    @Test
    void runningTheScheduleAgainPublishesNothingMore() {
        LocalEventBus bus = bus();
        Instant later = WRITTEN.plus(Duration.ofHours(1));

        handler(bus, later).handleRequest(Map.of(), null);
        OutboxRepublish.Outcome again = handler(bus, later.plusSeconds(300)).handleRequest(Map.of(), null);

        assertEquals(new OutboxRepublish.Outcome(0, 0, 0, 0, 0), again);
        assertEquals(1, bus.published().size());
    }

    @Test
    void aRecordAnotherRunTookIsNotTakenAgain() {
        List<UnpublishedOutbox.Row> seen = stillUnpublished();
        assertEquals(1, seen.size());
        Instant now = WRITTEN.plus(Duration.ofMinutes(20));

        UnpublishedOutbox.Claim first = unpublished.claim(seen.get(0), now).orElseThrow();

        assertEquals(SEGMENT.key(), first.record().qualificationId());
        assertEquals(1, first.attempt());
        assertTrue(unpublished.claim(seen.get(0), now.plusSeconds(1)).isEmpty(), "seen before the first run took it");
        OutboxRepublish.Outcome run = handler(bus(), now.plusSeconds(1)).handleRequest(Map.of(), null);
        assertEquals(0, run.found(), "taken at " + now + ": it comes up again 15 minutes after that, not before");
    }

    @Test
    void aRecordThatFailsEachTimeComesBackAfterTheDelayAndCountsAsRepeatedFromItsThirdAttempt() {
        LocalEventBus down = bus();
        down.close();
        Instant first = WRITTEN.plus(Duration.ofMinutes(15));

        assertEquals(new OutboxRepublish.Outcome(1, 0, 1, 0, 0), handler(down, first).handleRequest(Map.of(), null));
        assertEquals(0, handler(down, first.plus(Duration.ofMinutes(10))).handleRequest(Map.of(), null).found(),
                "taken 10 minutes ago");
        assertEquals(new OutboxRepublish.Outcome(1, 0, 1, 0, 0),
                handler(down, first.plus(Duration.ofMinutes(16))).handleRequest(Map.of(), null));
        assertEquals(new OutboxRepublish.Outcome(1, 0, 1, 0, 1),
                handler(down, first.plus(Duration.ofMinutes(32))).handleRequest(Map.of(), null));
        assertNull(outbox.forJob("job-7f3a").get(0).publishedAt());

        LocalEventBus up = bus();
        assertEquals(new OutboxRepublish.Outcome(1, 1, 0, 0, 1),
                handler(up, first.plus(Duration.ofMinutes(48))).handleRequest(Map.of(), null));
        assertEquals(1, up.published().size());
        assertNotNull(outbox.forJob("job-7f3a").get(0).publishedAt());
    }

    private List<UnpublishedOutbox.Row> stillUnpublished() {
        List<UnpublishedOutbox.Row> rows = new ArrayList<>();
        unpublished.forEachSince(WRITTEN.plus(Duration.ofDays(365)), 100, () -> true, rows::addAll);
        return rows;
    }

    private LocalEventBus bus() {
        LocalEventBus bus = LocalEventBus.start(TEMPLATE, Duration.ofMillis(10));
        buses.add(bus);
        return bus;
    }

    private RepublishHandler handler(LocalEventBus bus, Instant now) {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(TEMPLATE, dynamoDb, bus, "RepublishFunction"));
        env.put(Clocks.CLOCK_START, now.toString());
        return new RepublishHandler(new Environment(env));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
