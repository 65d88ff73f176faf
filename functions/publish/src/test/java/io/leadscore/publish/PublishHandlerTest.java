package io.leadscore.publish;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.dynamodb.UnpublishedOutbox;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.PublishedEvent;
import io.leadscore.local.SamTemplate;
import io.leadscore.local.StreamPoller;
import io.leadscore.local.StreamSource;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.leadscore.publish.SampleAnnouncements.DANA;
import static io.leadscore.publish.SampleAnnouncements.DANA_PLATFORM_SALES_READY;
import static io.leadscore.publish.SampleAnnouncements.DANA_SALES_READY;
import static io.leadscore.publish.SampleAnnouncements.JONAS;
import static io.leadscore.publish.SampleAnnouncements.JONAS_WENT_COLD;
import static io.leadscore.publish.SampleAnnouncements.JONAS_WENT_COLD_AT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publish handler fed with the sample outbox batch in events/publish, over the announcements it describes stored
 * on DynamoDB Local, publishing to the template's bus on the local EventBridge through the real SDK client.
 */
class PublishHandlerTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The handler's clock: the batch arrives a few seconds after the sweep that wrote its last record. */
    private static final Instant NOW = SampleAnnouncements.SWEPT_AT.plusSeconds(3);

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final LocalEventBus bus = LocalEventBus.start(TEMPLATE, Duration.ofMillis(10));
    private Outbox outbox;

    @BeforeEach
    void theSampleAnnouncementsAreInTheOutbox() {
        dynamoDb.freshTables();
        SampleAnnouncements.write(dynamoDb);
        outbox = new Outbox(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
    }

    @AfterEach
    void stopTheBus() {
        bus.close();
    }

    @Test
    void theSampleBatchIsWhatTheStreamDeliversForTheStoredAnnouncements() {
        List<DynamodbStreamRecord> delivered = Collections.synchronizedList(new ArrayList<>());
        StreamSource source = TEMPLATE.function("PublishFunction").streamSources().get(0);
        try (StreamPoller stream = new StreamPoller(dynamoDb, source, batch -> {
            delivered.addAll(batch.getRecords());
            return new StreamsEventResponse();
        })) {
            stream.drain(WAIT);
        }

        List<DynamodbStreamRecord> sample = SampleAnnouncements.batch().getRecords();
        assertEquals(sample.size(), delivered.size(), "the filter lets through the outbox records, and only those");
        for (int i = 0; i < sample.size(); i++) {
            assertEquals("INSERT", delivered.get(i).getEventName());
            assertEquals(sample.get(i).getDynamodb().getKeys(), delivered.get(i).getDynamodb().getKeys());
            assertEquals(sample.get(i).getDynamodb().getNewImage(), delivered.get(i).getDynamodb().getNewImage(),
                    "record " + i + " of the sample is stale: regenerate it from what Outbox writes now");
        }
    }

    @Test
    void publishesEachAnnouncementToTheLeadScoreBusUnderItsDetailType() {
        StreamsEventResponse response = handler(bus).handleRequest(SampleAnnouncements.batch(), null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        List<PublishedEvent> published = bus.published();
        assertEquals(List.of("LeadScoreBus", "LeadScoreBus", "LeadScoreBus"),
                published.stream().map(PublishedEvent::eventBusName).toList());
        List<JsonNode> events = published.stream().map(event -> json(event.json())).toList();
        assertEquals(List.of("leadscore", "leadscore", "leadscore"), events.stream().map(e -> e.get("source").asText())
                .toList());
        assertEquals(List.of("LeadQualified", "LeadQualified", "LeadWentCold"),
                events.stream().map(e -> e.get("detail-type").asText()).toList());

        JsonNode salesReady = events.get(0).get("detail");
        assertEquals("QUALIFIED", salesReady.get("kind").asText());
        assertEquals(DANA_SALES_READY, salesReady.get("qualificationId").asText());
        assertEquals(DANA, salesReady.get("leadId").asText());
        assertTrue(salesReady.get("group").isNull(), "the total score's threshold belongs to no group");
        assertEquals("salesReady", salesReady.at("/threshold/name").asText());
        assertEquals(100, salesReady.at("/threshold/points").asInt());
        assertEquals(90, salesReady.at("/threshold/rearmBelow").asInt());
        assertEquals(115, salesReady.get("score").asInt());
        assertEquals("default@1", salesReady.get("model").asText());
        assertEquals("2026-11-23T10:02:00Z", salesReady.get("at").asText());
        assertEquals("evt-0007", salesReady.get("eventId").asText(), "the demo request took her over the line");
        assertEquals("pricing-page", salesReady.at("/topRules/0/rule").asText());
        assertEquals("Viewed the pricing page", salesReady.at("/topRules/0/description").asText());
        assertEquals(45, salesReady.at("/topRules/0/points").asInt());
        assertEquals("dana@acme.example", salesReady.at("/profile/email").asText());
        assertEquals(250, salesReady.at("/profile/companySize").asInt());

        JsonNode platform = events.get(1).get("detail");
        assertEquals(DANA_PLATFORM_SALES_READY, platform.get("qualificationId").asText());
        assertEquals("platform", platform.get("group").asText());
        assertEquals("Platform", platform.get("groupName").asText());
        assertEquals(80, platform.at("/threshold/points").asInt());
        assertEquals(85, platform.get("score").asInt());

        JsonNode cold = events.get(2).get("detail");
        assertEquals(JONAS, cold.get("leadId").asText());
        assertTrue(cold.get("threshold").isNull(), "going cold crosses no threshold");
        assertEquals(15, cold.get("score").asInt());
        assertEquals(JONAS_WENT_COLD, cold.get("qualificationId").asText());
        assertEquals(JONAS_WENT_COLD_AT.toString(), cold.get("at").asText(),
                "45 days after his last score increase, not when the sweep came by");
    }

    @Test
    void theDetailOnTheBusIsTheStoredAnnouncementWithNothingLost() {
        handler(bus).handleRequest(SampleAnnouncements.batch(), null);

        Map<String, JsonNode> published = new HashMap<>();
        bus.published().forEach(event -> {
            JsonNode detail = json(event.json()).get("detail");
            published.put(detail.get("qualificationId").asText(), detail);
        });
        Map<String, JsonNode> stored = new HashMap<>();
        allRecords().forEach(record -> stored.put(record.qualificationId(), json(Json.write(record.detail()))));
        assertEquals(stored, published);
    }

    @Test
    void marksEachAnnouncementPublishedOnceTheBusAcceptedIt() {
        assertTrue(allRecords().stream().allMatch(record -> record.publishedAt() == null), "nothing published yet");

        handler(bus).handleRequest(SampleAnnouncements.batch(), null);

        List<Outbox.Record> records = allRecords();
        assertEquals(3, records.size(), "marking updates the stored announcements, it adds none");
        records.forEach(record -> assertPublishedNow(record.qualificationId(), record.publishedAt()));
    }

    /** Until its mark, each record waits on the index where the scheduled re-publish would find it; after, never. */
    @Test
    void aRecordPublishedFromTheStreamLeavesTheUnpublishedIndexWithItsMark() {
        assertEquals(3, unpublishedRows(), "written with the announcements");

        handler(bus).handleRequest(SampleAnnouncements.batch(), null);

        assertEquals(0, unpublishedRows());
    }

    @Test
    void anAnnouncementTheBusRefusesIsReportedForRetryWhileTheOthersArePublished() {
        DynamodbEvent batch = SampleAnnouncements.batch();
        DynamodbStreamRecord refused = batch.getRecords().get(1);
        // Without its detail the record is no announcement: never put on the bus, it is reported for retry as an entry
        // the bus refuses is (DeliveryFaultsTest has the bus refuse entries).
        refused.getDynamodb().getNewImage().remove("detail");

        StreamsEventResponse response = handler(bus).handleRequest(batch, null);

        assertEquals(List.of(refused.getDynamodb().getSequenceNumber()), failedSequenceNumbers(response));
        assertEquals(List.of(DANA_SALES_READY, JONAS_WENT_COLD), bus.published().stream()
                .map(event -> json(event.json()).at("/detail/qualificationId").asText()).toList());
        Map<String, Instant> publishedAt = new HashMap<>();
        allRecords().forEach(record -> publishedAt.put(record.qualificationId(), record.publishedAt()));
        assertNull(publishedAt.get(DANA_PLATFORM_SALES_READY), "the refused one stays unpublished");
        assertPublishedNow(DANA_SALES_READY, publishedAt.get(DANA_SALES_READY));
        assertPublishedNow(JONAS_WENT_COLD, publishedAt.get(JONAS_WENT_COLD));
    }

    @Test
    void whenTheBusCannotBeReachedTheWholeBatchIsRetriedAndNothingIsMarkedPublished() {
        PublishHandler handler = handler(bus);
        bus.close();
        DynamodbEvent batch = SampleAnnouncements.batch();

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertEquals(batch.getRecords().stream().map(record -> record.getDynamodb().getSequenceNumber()).toList(),
                failedSequenceNumbers(response), "every record is reported: Lambda retries from the first");
        assertTrue(allRecords().stream().allMatch(record -> record.publishedAt() == null));
    }

    @Test
    void whenTheBusCannotBeReachedTheMetricsCountNothingAsPublished() {
        PublishHandler handler = handler(bus);
        bus.close();

        JsonNode metrics = json(stdoutOf(() -> handler.handleRequest(SampleAnnouncements.batch(), null)).lines()
                .filter(line -> line.contains("\"CloudWatchMetrics\"")).reduce((first, last) -> last).orElseThrow());

        assertEquals(0, metrics.get("Published").asInt());
    }

    @Test
    void anAnnouncementNoLongerStoredIsNotRecreatedByMarkingItPublished() {
        dynamoDb.freshTables(); // gone while its stream record awaited a retry, e.g. the lead was erased on request

        handler(bus).handleRequest(SampleAnnouncements.batch(), null);

        assertEquals(List.of(), outbox.forLead(DANA));
    }

    @Test
    void theEventsReachTheSubscribersTheTemplateRoutesThemTo() {
        List<ScheduledEvent> toSales = Collections.synchronizedList(new ArrayList<>());
        bus.target("NotifyFunction", toSales::add);

        handler(bus).handleRequest(SampleAnnouncements.batch(), null);
        bus.drain(WAIT);

        assertEquals(Set.of(DANA_SALES_READY, DANA_PLATFORM_SALES_READY),
                toSales.stream().map(event -> event.getDetail().get("qualificationId")).collect(Collectors.toSet()),
                "qualifications go to the notify function, each once, in no promised order");
        assertEquals(2, toSales.size());
        String nurture = TEMPLATE.rulePattern("NurtureRule");
        assertEquals(List.of(JONAS), bus.published().stream().map(PublishedEvent::json)
                .filter(event -> LocalEventBus.matches(nurture, event))
                .map(event -> json(event).at("/detail/leadId").asText()).toList(), "cold leads go to nurture");
    }

    @Test
    void publishesAModelsAndAJobsEventsFromTheirPartitionsAndMarksThemThere() {
        dynamoDb.freshTables();
        ModelReviewDue reviewDue = new ModelReviewDue("default", 3, Instant.parse("2026-10-31T09:14:05Z"),
                Instant.parse("2026-09-01T09:14:05Z"));
        JobSegmentReady segmentReady = new JobSegmentReady("job-7f3a", JobSegmentReady.RESCORE, "default", 3, 2, 8, 1);
        outbox.storeOnce(reviewDue, NOW.minusSeconds(2));
        outbox.storeOnce(segmentReady, NOW.minusSeconds(1));
        List<ScheduledEvent> toNotify = Collections.synchronizedList(new ArrayList<>());
        bus.target("NotifyFunction", toNotify::add);
        PublishHandler handler = handler(bus);

        try (StreamPoller stream = new StreamPoller(dynamoDb, TEMPLATE.function("PublishFunction").streamSources()
                .get(0), batch -> handler.handleRequest(batch, null))) {
            stream.drain(WAIT);
        }
        bus.drain(WAIT);

        Map<String, JsonNode> published = new HashMap<>();
        bus.published().forEach(event -> published.put(json(event.json()).get("detail-type").asText(),
                json(event.json()).get("detail")));
        assertEquals(Map.of("ModelReviewDue", json(Json.write(reviewDue)),
                "JobSegmentReady", json(Json.write(segmentReady))), published);
        assertPublishedNow(reviewDue.key(), outbox.forModel("default").get(0).publishedAt());
        assertPublishedNow(segmentReady.key(), outbox.forJob("job-7f3a").get(0).publishedAt());
        assertEquals(List.of("model:default/review/2026-10-31"), toNotify.stream()
                .map(event -> event.getDetail().get("qualificationId")).toList(), "marketing hears of reviews");
    }

    @Test
    void itemsThatAreNotOutboxRecordsAreLeftAlone() {
        DynamodbEvent batch = SampleAnnouncements.batch();
        batch.getRecords().forEach(r -> r.getDynamodb().getNewImage().put("kind", new AttributeValue().withS("lead")));

        StreamsEventResponse response = handler(bus).handleRequest(batch, null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertTrue(bus.published().isEmpty());
        assertTrue(allRecords().stream().allMatch(record -> record.publishedAt() == null));
    }

    /** The handler sends a batch in one PutEvents call, which takes at most ten entries. */
    @Test
    void theTemplateNeverHandsTheFunctionMoreAnnouncementsThanOnePutEventsCallTakes() {
        StreamSource source = TEMPLATE.function("PublishFunction").streamSources().get(0);
        assertTrue(source.batchSize() <= 10, "BatchSize " + source.batchSize());
        assertTrue(source.reportBatchItemFailures(), "refused entries are reported, not the whole batch failed");
    }

    /** The function as Lambda runs it, its clock at {@link #NOW}, publishing to this bus. */
    private PublishHandler handler(LocalEventBus to) {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(TEMPLATE, dynamoDb, to, "PublishFunction"));
        env.put(Clocks.CLOCK_START, NOW.toString());
        return new PublishHandler(new Environment(env));
    }

    private int unpublishedRows() {
        List<UnpublishedOutbox.Row> rows = new ArrayList<>();
        new UnpublishedOutbox(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"))
                .forEachSince(NOW.plus(Duration.ofDays(365)), 100, () -> true, rows::addAll);
        return rows.size();
    }

    private List<Outbox.Record> allRecords() {
        return Stream.of(DANA, JONAS).flatMap(lead -> outbox.forLead(lead).stream()).toList();
    }

    private static void assertPublishedNow(String qualificationId, Instant publishedAt) {
        assertTrue(publishedAt != null && !publishedAt.isBefore(NOW) && publishedAt.isBefore(NOW.plus(WAIT)),
                qualificationId + " published at " + publishedAt + ", expected at the handler's clock " + NOW);
    }

    private static List<String> failedSequenceNumbers(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String stdoutOf(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
