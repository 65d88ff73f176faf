package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalEventBusTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String DETAIL = """
            {"leadId": "dana", "score": 104, "ratio": 0.5, "big": 12345678901, "groups": ["platform"],
             "profile": {"email": "dana@acme.example", "vip": true, "phone": null}}""";

    private final LocalEventBus bus = LocalEventBus.start(TEMPLATE, Duration.ofMillis(5));
    private final EventBridgeClient client = LocalAws.client(EventBridgeClient.builder(), bus.endpoint());
    /** What the notify function was invoked with, failed attempts included. */
    private final List<ScheduledEvent> invocations = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        client.close();
        bus.close();
    }

    @Test
    void deliversAMatchingEventToTheFunctionAsLambdaWould() throws IOException {
        bus.target("NotifyFunction", invocations::add);
        Map<String, String> publisher = LocalFunctions.environment(bus, "PublishFunction");
        assertEquals(bus.endpoint().toString(), publisher.get(LocalFunctions.EVENTBRIDGE_ENDPOINT));

        PutEventsResponse response = client.putEvents(request -> request.entries(qualified()
                .eventBusName(publisher.get("EVENT_BUS_NAME"))
                .time(Instant.parse("2026-01-02T03:04:05.678Z"))
                .resources("arn:aws:dynamodb:us-east-1:000000000000:table/leads")
                .build()));
        bus.drain(TIMEOUT);

        assertEquals(0, response.failedEntryCount());
        ScheduledEvent event = invocations.get(0);
        assertEquals(1, invocations.size());
        assertEquals(response.entries().get(0).eventId(), event.getId());
        assertEquals("0", event.getVersion());
        assertEquals("leadscore", event.getSource());
        assertEquals("LeadQualified", event.getDetailType());
        assertEquals(LocalAws.ACCOUNT_ID, event.getAccount());
        assertEquals(LocalAws.REGION.id(), event.getRegion());
        assertEquals(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeZone.UTC), event.getTime());
        assertEquals(List.of("arn:aws:dynamodb:us-east-1:000000000000:table/leads"), event.getResources());
        assertEquals("dana", event.getDetail().get("leadId"));
        assertEquals(104, event.getDetail().get("score"));
        assertEquals(12345678901L, event.getDetail().get("big"));
        assertEquals(0.5, event.getDetail().get("ratio"));
        assertEquals(List.of("platform"), event.getDetail().get("groups"));
        Map<?, ?> profile = (Map<?, ?>) event.getDetail().get("profile");
        assertEquals(true, profile.get("vip"));
        assertTrue(profile.containsKey("phone") && profile.get("phone") == null);

        Path delivered = Files.writeString(directory.resolve("event.json"), bus.published().get(0).json());
        assertEquals(EventLoader.loadScheduledEvent(delivered.toString()), event, "as Lambda's Java runtime reads it");
    }

    @Test
    void deliversNothingForEventsThatMatchNoRuleOfTheirBus() {
        bus.target("NotifyFunction", invocations::add);

        PutEventsResponse response = client.putEvents(request -> request.entries(
                qualified().detailType("LeadWentCold").build(),
                qualified().source("crm").build(),
                qualified().eventBusName(EventRuleSource.DEFAULT_BUS).build(),
                qualified().eventBusName("arn:aws:events:us-east-1:000000000000:event-bus/Undeclared").build()));
        bus.drain(TIMEOUT);

        assertEquals(0, response.failedEntryCount());
        assertEquals(List.of(), invocations);
        assertEquals(List.of("LeadScoreBus", "LeadScoreBus", "default", "Undeclared"),
                bus.published().stream().map(PublishedEvent::eventBusName).toList());
    }

    @Test
    void routesABusGivenByItsArn() {
        bus.target("NotifyFunction", invocations::add);

        client.putEvents(request -> request.entries(
                qualified().eventBusName("arn:aws:events:us-east-1:000000000000:event-bus/LeadScoreBus").build()));
        bus.drain(TIMEOUT);

        assertEquals(1, invocations.size());
    }

    @Test
    void refusesInvalidEntriesOneByOneAndAcceptsTheOthers() {
        bus.target("NotifyFunction", invocations::add);

        PutEventsResponse response = client.putEvents(request -> request.entries(
                qualified().build(),
                qualified().source(null).build(),
                qualified().detailType("").build(),
                qualified().detail(null).build(),
                qualified().detail("[1, 2]").build(),
                qualified().detail("{\"leadId\": ").build(),
                qualified().source("aws.events").build()));
        bus.drain(TIMEOUT);

        assertEquals(6, response.failedEntryCount());
        List<PutEventsResultEntry> entries = response.entries();
        assertNotNull(entries.get(0).eventId());
        assertNull(entries.get(0).errorCode());
        assertEquals(List.of("InvalidArgument", "InvalidArgument", "InvalidArgument", "MalformedDetail", "MalformedDetail",
                        "NotAuthorizedForSourceException"),
                entries.subList(1, 7).stream().map(PutEventsResultEntry::errorCode).toList());
        assertEquals("Parameter DetailType is not valid. Reason: DetailType is a required argument.", entries.get(2).errorMessage());
        assertTrue(entries.subList(1, 7).stream().allMatch(entry -> entry.eventId() == null));
        assertEquals(List.of(entries.get(0).eventId()), bus.published().stream().map(PublishedEvent::id).toList());
        assertEquals(1, invocations.size());
    }

    @Test
    void refusesWholeRequestsOverTheLimitsAndUnknownOperations() {
        List<PutEventsRequestEntry> eleven = Collections.nCopies(11, qualified().build());
        assertError(400, "ValidationException", () -> client.putEvents(request -> request.entries(eleven)));
        String oversized = "{\"text\": \"" + "x".repeat(256 * 1024) + "\"}";
        EventBridgeException tooLarge = assertError(400, "ValidationException",
                () -> client.putEvents(request -> request.entries(qualified().build(), qualified().detail(oversized).build())));
        assertEquals("Total size of the entries in the request is over the limit.", tooLarge.awsErrorDetails().errorMessage());
        assertError(400, "UnknownOperationException", () -> client.listRules(request -> request.eventBusName("LeadScoreBus")));
        assertEquals(List.of(), bus.published());
    }

    @Test
    void retriesAFailingFunctionThenDeadLettersTheEvent() {
        bus.target("NotifyFunction", event -> {
            invocations.add(event);
            throw new IllegalStateException("webhook answered 500");
        });

        String eventId = client.putEvents(request -> request.entries(qualified().build())).entries().get(0).eventId();
        bus.drain(TIMEOUT);

        assertEquals(3, invocations.size(), "the first attempt and EventInvokeConfig's 2 retries");
        DeadLetter deadLetter = bus.deadLetters().get(0);
        assertEquals(1, bus.deadLetters().size());
        assertEquals("NotifyFunction", deadLetter.functionLogicalId());
        assertEquals("Qualified", deadLetter.ruleName());
        assertEquals(eventId, deadLetter.event().id());
        assertEquals(3, deadLetter.attempts());
        assertEquals("webhook answered 500", deadLetter.error().getMessage());
    }

    @Test
    void deliversOnceToAFunctionThatFailsOnceAndGivesEachAttemptItsOwnEvent() {
        AtomicInteger successes = new AtomicInteger();
        bus.target("NotifyFunction", event -> {
            invocations.add(event);
            if (invocations.size() == 1) {
                event.getDetail().put("leadId", "changed by the failed attempt");
                throw new IllegalStateException("timeout");
            }
            successes.incrementAndGet();
        });

        client.putEvents(request -> request.entries(qualified().build()));
        bus.drain(TIMEOUT);

        assertEquals(2, invocations.size());
        assertEquals(1, successes.get());
        assertEquals("dana", invocations.get(1).getDetail().get("leadId"));
        assertEquals(List.of(), bus.deadLetters());
    }

    @Test
    void drainGivesUpAtItsTimeout() {
        CountDownLatch release = new CountDownLatch(1);
        bus.target("NotifyFunction", event -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        client.putEvents(request -> request.entries(qualified().build()));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> bus.drain(Duration.ofMillis(100)));
        assertEquals("1 invocations were still unfinished after PT0.1S", error.getMessage());
        release.countDown();
        bus.drain(TIMEOUT);
    }

    @Test
    void targetsOnlyFunctionsThatARuleInvokes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> bus.target("IngestFunction", invocations::add));
        assertEquals("the template gives IngestFunction no EventBridge rule", error.getMessage());
    }

    @Test
    void matchesPatternsAsEventBridgeDoes() {
        String pattern = TEMPLATE.function("NotifyFunction").eventRules().get(0).pattern();
        assertTrue(LocalEventBus.matches(pattern, "{\"source\": \"leadscore\", \"detail-type\": \"AccountQualified\"}"));
        assertFalse(LocalEventBus.matches(pattern, "{\"source\": \"leadscore\", \"detail-type\": \"LeadWentCold\"}"));
        assertTrue(LocalEventBus.matches("{\"detail\": {\"score\": [{\"numeric\": [\">=\", 100]}]}}", "{\"detail\": {\"score\": 104}}"));
        assertThrows(IllegalArgumentException.class, () -> LocalEventBus.matches("{\"source\": \"leadscore\"}", "{}"));
    }

    private static PutEventsRequestEntry.Builder qualified() {
        return PutEventsRequestEntry.builder()
                .eventBusName("LeadScoreBus")
                .source("leadscore")
                .detailType("LeadQualified")
                .detail(DETAIL);
    }

    private static EventBridgeException assertError(int status, String errorCode, Runnable call) {
        EventBridgeException error = assertThrows(EventBridgeException.class, call::run);
        assertEquals(status, error.statusCode());
        assertEquals(errorCode, error.awsErrorDetails().errorCode());
        return error;
    }
}
