package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamPollerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final StreamSource TEMPLATE_SOURCE =
            SamTemplate.load(SamTemplate.locate()).function("ScoreFunction").streamSources().get(0);

    private final LocalDynamoDb db = LocalDynamoDb.shared();
    private final String table = db.tableName("LeadScoreTable");
    /** The sort keys of each batch the function was given, failed or not. */
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void emptyTable() {
        db.freshTables();
    }

    @Test
    void deliversTheInsertedActivitiesInOrderAsLambdaEvents() {
        List<DynamodbStreamRecord> received = Collections.synchronizedList(new ArrayList<>());
        try (StreamPoller poller = new StreamPoller(db, TEMPLATE_SOURCE, recording(event -> {
            received.addAll(event.getRecords());
            return new StreamsEventResponse();
        }))) {
            putActivities(0, 30);
            poller.drain(TIMEOUT);
            assertEquals(30, poller.deliveredRecords());
        }
        assertEquals(List.of(activities(0, 30)), batches);
        DynamodbStreamRecord first = received.get(0);
        assertEquals("INSERT", first.getEventName());
        assertEquals("aws:dynamodb", first.getEventSource());
        assertEquals("us-east-1", first.getAwsRegion());
        assertEquals(db.client().describeTable(request -> request.tableName(table)).table().latestStreamArn(), first.getEventSourceARN());
        assertEquals("LEAD#1", first.getDynamodb().getKeys().get("pk").getS());
        assertEquals("ACT#000", first.getDynamodb().getKeys().get("sk").getS());
        assertEquals("activity", first.getDynamodb().getNewImage().get("kind").getS());
        assertEquals("12", first.getDynamodb().getNewImage().get("points").getN());
        assertEquals("NEW_IMAGE", first.getDynamodb().getStreamViewType());
        assertNotNull(first.getDynamodb().getApproximateCreationDateTime());
        assertTrue(first.getDynamodb().getSizeBytes() > 0);
        List<Long> sequence = received.stream().map(r -> Long.parseLong(r.getDynamodb().getSequenceNumber())).toList();
        assertEquals(sequence.stream().sorted().toList(), sequence);
    }

    @Test
    void deliversEmptyMapsAsMapsThoughDynamoDbLocalsStreamsDropTheirType() {
        List<DynamodbStreamRecord> received = Collections.synchronizedList(new ArrayList<>());
        try (StreamPoller poller = new StreamPoller(db, TEMPLATE_SOURCE, event -> {
            received.addAll(event.getRecords());
            return new StreamsEventResponse();
        })) {
            db.client().putItem(request -> request.tableName(table).item(Map.of(
                    "pk", AttributeValue.fromS("LEAD#1"), "sk", AttributeValue.fromS("ACT#000"),
                    "kind", AttributeValue.fromS("activity"), "properties", AttributeValue.fromM(Map.of()),
                    "tags", AttributeValue.fromL(List.of()))));
            poller.drain(TIMEOUT);
        }
        var image = received.get(0).getDynamodb().getNewImage();
        assertEquals(Map.of(), image.get("properties").getM());
        assertEquals(List.of(), image.get("tags").getL());
    }

    @Test
    void cutsBatchesAtTheBatchSize() {
        try (StreamPoller poller = new StreamPoller(db, source(10, true, 0), recording(event -> null))) {
            putActivities(0, 25);
            poller.drain(TIMEOUT);
        }
        assertEquals(List.of(activities(0, 10), activities(10, 20), activities(20, 25)), batches);
    }

    @Test
    void dropsTheRecordsThatTheFilterRejects() {
        try (StreamPoller poller = new StreamPoller(db, TEMPLATE_SOURCE, recording(event -> null))) {
            put("LEAD#1", "LEAD", "lead");
            putActivities(0, 1);
            db.client().updateItem(request -> request.tableName(table).key(key("ACT#000"))
                    .updateExpression("SET points = :points").expressionAttributeValues(Map.of(":points", AttributeValue.fromN("5"))));
            db.client().deleteItem(request -> request.tableName(table).key(key("ACT#000")));
            putActivities(1, 2);
            poller.drain(TIMEOUT);
            assertEquals(2, poller.deliveredRecords());
        }
        assertEquals(List.of(activities(0, 2)), batches);
    }

    @Test
    void redeliversFromTheLowestReportedFailure() {
        try (StreamPoller poller = new StreamPoller(db, source(5, true, 3), recording(event ->
                batches.size() == 1 ? failures(event, 4, 2) : null))) {
            putActivities(0, 5);
            poller.drain(TIMEOUT);
            assertEquals(5, poller.deliveredRecords());
        }
        assertEquals(List.of(activities(0, 5), activities(2, 5)), batches);
    }

    @Test
    void failsTheWholeBatchOnAnIdentifierThatIsNotInIt() {
        try (StreamPoller poller = new StreamPoller(db, source(5, true, 3), recording(event ->
                batches.size() == 1 ? failure("no-such-sequence-number") : null))) {
            putActivities(0, 3);
            poller.drain(TIMEOUT);
        }
        assertEquals(List.of(activities(0, 3), activities(0, 3)), batches);
    }

    @Test
    void ignoresReportedFailuresUnlessTheSourceAsksForThem() {
        try (StreamPoller poller = new StreamPoller(db, source(5, false, 3), recording(event -> failures(event, 0)))) {
            putActivities(0, 3);
            poller.drain(TIMEOUT);
            assertEquals(3, poller.deliveredRecords());
        }
        assertEquals(List.of(activities(0, 3)), batches);
    }

    @Test
    void retriesTheWholeBatchWhenTheFunctionThrows() {
        try (StreamPoller poller = new StreamPoller(db, source(5, true, 3), recording(event -> {
            if (batches.size() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            return null;
        }))) {
            putActivities(0, 3);
            poller.drain(TIMEOUT);
            assertEquals(3, poller.deliveredRecords());
        }
        assertEquals(List.of(activities(0, 3), activities(0, 3)), batches);
    }

    @Test
    void skipsAFailingBatchAfterItsRetriesAndGoesOn() {
        try (StreamPoller poller = new StreamPoller(db, source(2, true, 2), recording(event -> {
            if (batches.get(batches.size() - 1).contains("ACT#000")) {
                throw new IllegalStateException("poison");
            }
            return null;
        }))) {
            putActivities(0, 4);
            poller.drain(TIMEOUT);
            assertEquals(2, poller.deliveredRecords());
        }
        assertEquals(List.of(activities(0, 2), activities(0, 2), activities(0, 2), activities(2, 4)), batches);
    }

    @Test
    void tellsTheOnFailureDestinationWhereTheSkippedBatchWasAndWhenItArrived() {
        List<StreamBatchFailure> failures = new ArrayList<>();
        List<String> failedSequenceNumbers = new ArrayList<>();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES); // DynamoDB Local rounds the times down to it
        try (StreamPoller poller = new StreamPoller(db, source(2, true, 1), recording(event -> {
            if (batches.get(batches.size() - 1).contains("ACT#000")) {
                failedSequenceNumbers.clear();
                event.getRecords().forEach(r -> failedSequenceNumbers.add(r.getDynamodb().getSequenceNumber()));
                throw new IllegalStateException("poison");
            }
            return null;
        }), failures::add)) {
            putActivities(0, 4);
            poller.drain(TIMEOUT);
        }
        Instant after = Instant.now();
        assertEquals(1, failures.size());
        StreamBatchFailure failure = failures.get(0);
        assertEquals(List.of(failedSequenceNumbers.get(0), failedSequenceNumbers.get(1)),
                List.of(failure.startSequenceNumber(), failure.endSequenceNumber()));
        assertEquals(2, failure.batchSize());
        assertEquals(2, failure.attempts(), "tried, and retried once");
        assertTrue(!failure.firstArrival().isBefore(before) && !failure.firstArrival().isAfter(failure.lastArrival())
                && failure.lastArrival().isBefore(after), failure.toString());
        assertTrue(failure.shardId().startsWith("shardId-"), failure.shardId());
        var info = json(failure.toJson()).path("DDBStreamBatchInfo");
        assertEquals(failure.startSequenceNumber(), info.path("startSequenceNumber").asText());
        assertEquals(failure.lastArrival(), Instant.parse(info.path("approximateArrivalOfLastRecord").asText()));
    }

    @Test
    void drainGivesUpAtItsTimeout() {
        try (StreamPoller poller = new StreamPoller(db, source(5, true, StreamSource.RETRY_UNTIL_EXPIRED), recording(event -> {
            throw new IllegalStateException("always fails");
        }))) {
            putActivities(0, 1);
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> poller.drain(Duration.ofMillis(300)));
            assertTrue(error.getMessage().contains("still had records to deliver"), error.getMessage());
        }
    }

    @Test
    void pollsInTheBackgroundAndFollowsTheTableToItsNewStream() {
        try (StreamPoller poller = new StreamPoller(db, TEMPLATE_SOURCE, recording(event -> null)).start()) {
            putActivities(0, 3);
            awaitDelivered(poller, 3);
            db.freshTables();
            putActivities(3, 5);
            awaitDelivered(poller, 5);
            poller.drain(TIMEOUT);
            assertEquals(5, poller.deliveredRecords());
        }
        assertEquals(activities(0, 5), batches.stream().flatMap(List::stream).toList());
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitDelivered(StreamPoller poller, long count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (poller.deliveredRecords() < count) {
            assertTrue(System.nanoTime() < deadline, "the background poller delivered " + poller.deliveredRecords() + " records");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private Function<DynamodbEvent, StreamsEventResponse> recording(Function<DynamodbEvent, StreamsEventResponse> function) {
        return event -> {
            batches.add(event.getRecords().stream().map(r -> r.getDynamodb().getKeys().get("sk").getS()).toList());
            return function.apply(event);
        };
    }

    /** A response that reports the records at these positions of the batch as failed. */
    private static StreamsEventResponse failures(DynamodbEvent event, int... positions) {
        return new StreamsEventResponse(IntStream.of(positions)
                .mapToObj(position -> new BatchItemFailure(event.getRecords().get(position).getDynamodb().getSequenceNumber()))
                .toList());
    }

    private static StreamsEventResponse failure(String itemIdentifier) {
        return new StreamsEventResponse(List.of(new BatchItemFailure(itemIdentifier)));
    }

    private static StreamSource source(int batchSize, boolean reportBatchItemFailures, int maximumRetryAttempts) {
        return new StreamSource(TEMPLATE_SOURCE.tableLogicalId(), batchSize, TEMPLATE_SOURCE.filterPatterns(),
                reportBatchItemFailures, maximumRetryAttempts, TEMPLATE_SOURCE.onFailureQueue());
    }

    private void putActivities(int from, int to) {
        activities(from, to).forEach(sortKey -> put("LEAD#1", sortKey, "activity"));
    }

    private void put(String partitionKey, String sortKey, String kind) {
        db.client().putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS(partitionKey),
                "sk", AttributeValue.fromS(sortKey),
                "kind", AttributeValue.fromS(kind),
                "points", AttributeValue.fromN("12"))));
    }

    private static Map<String, AttributeValue> key(String sortKey) {
        return Map.of("pk", AttributeValue.fromS("LEAD#1"), "sk", AttributeValue.fromS(sortKey));
    }

    private static List<String> activities(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "ACT#%03d".formatted(i)).toList();
    }
}
