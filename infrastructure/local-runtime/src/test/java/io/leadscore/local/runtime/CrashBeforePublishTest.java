package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.ingest.IngestHandler;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.local.StreamPoller;
import io.leadscore.notify.NotifyHandler;
import io.leadscore.publish.PublishHandler;
import io.leadscore.score.ScoreHandler;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The crossing and the score are one fact: the score function dies right after its write, before anything is
 * published, and Lambda retries the batch. The sales team still hears of the qualification, and only once.
 */
class CrashBeforePublishTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aCrashAfterTheScoreWriteStillYieldsExactlyOneNotification() throws Exception {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
        dynamoDb.freshTables();
        try (WebhookReceiver salesTeam = new WebhookReceiver();
             LocalEventBus bus = LocalEventBus.start(template, Duration.ofMillis(10))) {
            Function<String, Environment> env = function -> {
                Map<String, String> variables = new HashMap<>(LocalFunctions.environment(template, dynamoDb, bus, function));
                variables.putAll(NotificationLatency.webhookTo(salesTeam));
                return new Environment(variables);
            };
            IngestHandler ingest = new IngestHandler(env.apply("IngestFunction"));
            ScoreHandler score = new ScoreHandler(env.apply("ScoreFunction"));
            PublishHandler publish = new PublishHandler(env.apply("PublishFunction"));
            NotifyHandler notify = new NotifyHandler(env.apply("NotifyFunction"));
            new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                    .register("site", "wk_crash_test");

            AtomicInteger crashes = new AtomicInteger();
            Function<DynamodbEvent, StreamsEventResponse> dyingAfterItsWrite = batch -> {
                StreamsEventResponse response = score.handleRequest(batch, null);
                if (crashes.getAndIncrement() == 0) {
                    throw new IllegalStateException("the function dies after the score write, before it returns");
                }
                return response;
            };
            bus.target("NotifyFunction", event -> notify.handleRequest(event, null));
            try (StreamPoller scoring = new StreamPoller(dynamoDb, template.function("ScoreFunction").streamSources()
                    .get(0), dyingAfterItsWrite);
                 StreamPoller publishing = new StreamPoller(dynamoDb, template.function("PublishFunction")
                         .streamSources().get(0), batch -> publish.handleRequest(batch, null))) {
                post(ingest, NotificationLatency.warmUp("kim"));
                post(ingest, NotificationLatency.qualifying("kim"));
                scoring.drain(WAIT);
                publishing.drain(WAIT);
                bus.drain(WAIT);
            }

            assertEquals(2, crashes.get(), "the crashed batch was delivered again");
            assertEquals(1, new Outbox(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable")).forLead("kim").size());
            assertEquals(1, salesTeam.received().size(), "exactly one notification");
            assertEquals("kim/salesReady/1/crm", salesTeam.received().get(0).header("x-leadscore-idempotency-key"));
            BusSchemas.assertConform(bus.published());
        }
    }

    private static void post(IngestHandler ingest, String body) {
        var response = ingest.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/v1/events")
                .withHeaders(new HashMap<>(Map.of("content-type", "application/json", "x-write-key", "wk_crash_test")))
                .withBody(body).withIsBase64Encoded(false).build(), null);
        assertEquals(202, response.getStatusCode(), response.getBody());
    }
}
