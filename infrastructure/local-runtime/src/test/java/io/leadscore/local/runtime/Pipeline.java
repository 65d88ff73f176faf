package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.leadscore.activity.Retention;
import io.leadscore.admin.AdminHandler;
import io.leadscore.aws.dynamodb.DeliveryLog;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.events.OutboxRepublish;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.decay.DecayHandler;
import io.leadscore.ingest.IngestHandler;
import io.leadscore.jobs.JobsHandler;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.LocalQueue;
import io.leadscore.local.QueueSource;
import io.leadscore.local.StreamBatchFailure;
import io.leadscore.local.StreamSource;
import io.leadscore.local.SamTemplate;
import io.leadscore.local.StreamPoller;
import io.leadscore.notify.NotifyHandler;
import io.leadscore.notify.NotifyRetryHandler;
import io.leadscore.publish.PublishHandler;
import io.leadscore.redrive.RedriveHandler;
import io.leadscore.redrive.RepublishHandler;
import io.leadscore.score.ScoreHandler;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The template's functions wired as AWS wires them, over the JVM's shared DynamoDB Local (emptied first) and a local
 * event bus: ingest and admin called as API Gateway calls them, score and publish fed by the table's stream through
 * their event source mappings, notify and jobs invoked by the bus's rules (asynchronously, with Lambda's retries),
 * notify posting to a {@link FlakyWebhook}, the redrive reading the queue that the streams' skipped batches go to,
 * the scheduled re-publish run when a test {@link #republishAt says}.
 * The streams run only when a test {@link #settle() settles} the pipeline,
 * so that a fault it injects meanwhile hits exactly the step it means; a job's workers run on the bus's threads,
 * beside the test. Closing it checks every event it published against the bus's schemas (events/schemas).
 */
final class Pipeline implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** A failed notify invocation is retried after 10 ms, then 20 ms, as Lambda retries it after a minute or more. */
    static final Duration BUS_RETRY_DELAY = Duration.ofMillis(10);
    private static final String WRITE_KEY = "wk_fault_tests";
    /** The IAM caller of admin requests: who drafts, publishes and starts jobs. */
    static final String ADMIN = "arn:aws:iam::123456789012:user/marketing-ops";
    private static final String TABLE = "LeadScoreTable";
    /** The webhook, as the notify function's only destination. */
    private static final String DESTINATION = "crm";
    /** A client retrying a POST that was answered 503, as the ingest API asks. */
    private static final int POST_ATTEMPTS = 10;

    private final SamTemplate template = SamTemplate.load(SamTemplate.locate());
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private final LocalEventBus bus;
    private final Map<String, String> overrides;
    private final URI webhook;
    private final IngestHandler ingest;
    private final ScoreHandler score;
    private final PublishHandler publish;
    private final AdminHandler admin;
    private final StreamPoller scoring;
    private final StreamPoller publishing;
    private final AtomicInteger serverErrors = new AtomicInteger();
    private volatile Function<DynamodbEvent, StreamsEventResponse> scoreFunction;
    private final JobsHandler jobs;
    private volatile Consumer<ScheduledEvent> jobsFunction;
    private final RedriveHandler redrive;
    private volatile Function<SQSEvent, SQSBatchResponse> redriveFunction;
    /** The stream consumers' on-failure destination, read by the redrive function as the template says. */
    private final LocalQueue failureQueue;

    private Pipeline(FlakyWebhook webhook, Map<String, String> overrides) {
        this.webhook = webhook.url();
        this.overrides = Map.copyOf(overrides);
        dynamoDb.freshTables();
        new WriteKeyStore(dynamoDb.client(), tableName(), Clock.systemUTC()).register("site", WRITE_KEY);
        bus = LocalEventBus.start(template, BUS_RETRY_DELAY);
        ingest = new IngestHandler(environment("IngestFunction"));
        score = new ScoreHandler(environment("ScoreFunction"));
        publish = new PublishHandler(environment("PublishFunction"));
        NotifyHandler notify = new NotifyHandler(environment("NotifyFunction"));
        bus.target("NotifyFunction", event -> notify.handleRequest(event, null));
        admin = new AdminHandler(environment("AdminFunction"));
        jobs = new JobsHandler(environment("JobsFunction"));
        jobsFunction = this::workOnSegment;
        bus.target("JobsFunction", event -> jobsFunction.accept(event));
        redrive = new RedriveHandler(environment("RedriveFunction"));
        redriveFunction = this::redriveRecords;
        QueueSource failedBatches = template.function("RedriveFunction").queueSources().get(0);
        failureQueue = new LocalQueue(failedBatches.queueLogicalId())
                .consumedBy(failedBatches, messages -> redriveFunction.apply(messages));
        scoreFunction = this::scoreBatch;
        StreamSource scoreSource = template.function("ScoreFunction").streamSources().get(0);
        StreamSource publishSource = template.function("PublishFunction").streamSources().get(0);
        scoring = new StreamPoller(dynamoDb, scoreSource, batch -> scoreFunction.apply(batch),
                failure -> onFailure(scoreSource, failure));
        publishing = new StreamPoller(dynamoDb, publishSource, batch -> publish.handleRequest(batch, null),
                failure -> onFailure(publishSource, failure));
    }

    /** Notifications go to this webhook; {@code overrides} adds to or replaces every function's environment. */
    static Pipeline start(FlakyWebhook webhook, Map<String, String> overrides) {
        return new Pipeline(webhook, overrides);
    }

    static Pipeline start(FlakyWebhook webhook) {
        return start(webhook, Map.of());
    }

    /** Puts something between the score function's event source and the function: a crash, a kill. */
    void scoreThrough(UnaryOperator<Function<DynamodbEvent, StreamsEventResponse>> wrapper) {
        scoreFunction = wrapper.apply(this::scoreBatch);
    }

    private StreamsEventResponse scoreBatch(DynamodbEvent batch) {
        return score.handleRequest(batch, null);
    }

    /** A batch the stream gave up on goes to the source's on-failure queue, where the template sends it. */
    private void onFailure(StreamSource source, StreamBatchFailure failure) {
        assertEquals(failureQueue.logicalId(), source.onFailureQueue(), "the redrive reads the queue failures go to");
        failureQueue.send(failure.toJson());
    }

    /** Puts something between the failure queue's event source and the redrive function. */
    void redriveThrough(UnaryOperator<Function<SQSEvent, SQSBatchResponse>> wrapper) {
        redriveFunction = wrapper.apply(this::redriveRecords);
    }

    private SQSBatchResponse redriveRecords(SQSEvent messages) {
        return redrive.handleRequest(messages, null);
    }

    LocalQueue failureQueue() {
        return failureQueue;
    }

    /** Puts something between the jobs function's rule and the function: a kill mid-segment. */
    void jobsThrough(UnaryOperator<Consumer<ScheduledEvent>> wrapper) {
        jobsFunction = wrapper.apply(this::workOnSegment);
    }

    private void workOnSegment(ScheduledEvent event) {
        jobs.handleRequest(event, null);
    }

    /**
     * One request to the admin API, as API Gateway passes it on with IAM authentication.
     *
     * @param routeKey as template.yaml writes the route: {@code POST /v1/models/{modelId}/revisions/{n}/publish}
     */
    APIGatewayV2HTTPResponse admin(String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                                   String body) {
        return admin.handleRequest(adminRequest(routeKey, pathParameters, query, body), null);
    }

    /** The admin function of another container, whose clock started at {@code clockStart}. */
    AdminHandler adminAt(Instant clockStart) {
        Map<String, String> env = new HashMap<>(environment("AdminFunction").variables());
        env.put(Clocks.CLOCK_START, clockStart.toString());
        return new AdminHandler(new Environment(env));
    }

    static APIGatewayV2HTTPEvent adminRequest(String routeKey, Map<String, String> pathParameters,
                                              Map<String, String> query, String body) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey)
                .withPathParameters(new HashMap<>(pathParameters)).withQueryStringParameters(new HashMap<>(query))
                .withHeaders(new HashMap<>(Map.of("content-type", "application/yaml"))).withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(ADMIN).build())
                                .build())
                        .build())
                .build();
    }

    /** One POST /v1/events, answered as the function answers it. */
    APIGatewayV2HTTPResponse post(String body) {
        APIGatewayV2HTTPResponse response = ingest.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/v1/events")
                .withHeaders(new HashMap<>(Map.of("content-type", "application/json", "x-write-key", WRITE_KEY)))
                .withBody(body).withIsBase64Encoded(false).build(), null);
        if (response.getStatusCode() >= 500) {
            serverErrors.incrementAndGet();
        }
        return response;
    }

    /** POSTs as a well-behaved client does: again after a 503, until the events are recorded (202). */
    APIGatewayV2HTTPResponse record(String body) {
        APIGatewayV2HTTPResponse response = post(body);
        for (int attempt = 1; response.getStatusCode() == 503 && attempt < POST_ATTEMPTS; attempt++) {
            response = post(body);
        }
        if (response.getStatusCode() != 202) {
            throw new AssertionError("not recorded: " + response.getStatusCode() + " " + response.getBody());
        }
        return response;
    }

    /**
     * Records {@link Events#salesReadyJourney a sales-ready journey} for each lead, two requests per lead, the
     * leads' requests interleaved; the journeys start {@code daysAgo} days ago.
     */
    void recordJourneys(List<String> leadIds, int daysAgo) {
        Instant start = Events.daysAgo(daysAgo);
        List<List<String>> journeys = leadIds.stream().map(lead -> Events.salesReadyJourney(lead, start)).toList();
        for (List<String> journey : journeys) {
            record(Events.batch(journey.subList(0, journey.size() / 2)));
        }
        for (List<String> journey : journeys) {
            record(Events.batch(journey.subList(journey.size() / 2, journey.size())));
        }
    }

    /** Runs every function until the streams and the bus have carried everything through. */
    void settle() {
        scoring.drain(WAIT);
        publishing.drain(WAIT);
        bus.drain(WAIT);
    }

    /** Runs the score and publish functions over what the stream holds, leaving the bus's invocations running. */
    void scoreAndPublish() {
        scoring.drain(WAIT);
        publishing.drain(WAIT);
    }

    /** One run of the scheduled decay sweep, with the function's clock started at {@code at}. */
    void sweepAt(Instant at) {
        Map<String, String> env = new HashMap<>(environment("DecayFunction").variables());
        env.put(Clocks.CLOCK_START, at.toString());
        new DecayHandler(new Environment(env)).handleRequest(Map.of("model", "default"), null);
    }

    /** One run of the scheduled retry of buffered notifications, with the function's clock started at {@code at}. */
    void retryBufferedAt(Instant at) {
        Map<String, String> env = new HashMap<>(environment("NotifyRetryFunction").variables());
        env.put(Clocks.CLOCK_START, at.toString());
        new NotifyRetryHandler(new Environment(env)).handleRequest(Map.of(), null);
    }

    /** One run of the scheduled re-publish of outbox records left unpublished, its clock started at {@code at}. */
    OutboxRepublish.Outcome republishAt(Instant at) {
        Map<String, String> env = new HashMap<>(environment("RepublishFunction").variables());
        env.put(Clocks.CLOCK_START, at.toString());
        return new RepublishHandler(new Environment(env)).handleRequest(Map.of(), null);
    }

    /**
     * What the webhook should have accepted when each of these leads became sales-ready once: one notification each,
     * by idempotency key ({@code <lead>/salesReady/1/<destination>}).
     */
    static Map<String, Long> salesReadyOnceEach(List<String> leadIds) {
        Map<String, Long> expected = new TreeMap<>();
        leadIds.forEach(lead -> expected.put(lead + "/salesReady/1/" + DESTINATION, 1L));
        return expected;
    }

    /** 5xx answers the ingest API gave so far, retried or not. */
    int serverErrors() {
        return serverErrors.get();
    }

    SamTemplate template() {
        return template;
    }

    LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    LocalEventBus bus() {
        return bus;
    }

    LeadStore leads() {
        return new LeadStore(dynamoDb.client(), tableName(), Clock.systemUTC(), Retention.DEFAULT);
    }

    Outbox outbox() {
        return new Outbox(dynamoDb.client(), tableName());
    }

    DeliveryLog deliveries() {
        return new DeliveryLog(dynamoDb.client(), tableName());
    }

    String tableName() {
        return dynamoDb.tableName(TABLE);
    }

    /** What the replay reads: the activities as the score function's stream delivers them. */
    Replay replay() {
        return Replay.of(dynamoDb, template);
    }

    /** Stops the pipeline, then checks every event it published against the bus's schemas. */
    @Override
    public void close() {
        scoring.close();
        publishing.close();
        bus.close();
        BusSchemas.assertConform(bus.published());
    }

    private Environment environment(String function) {
        Map<String, String> variables = new HashMap<>(LocalFunctions.environment(template, dynamoDb, bus, function));
        variables.put("NOTIFY_CONFIG", "{\"destinations\": [{\"id\": \"" + DESTINATION + "\", \"type\": \"webhook\","
                + " \"url\": \"" + webhook + "\"}], \"default\": \"" + DESTINATION + "\"}");
        variables.put("WEBHOOK_SECRET", "whsec_ZmF1bHQtdGVzdHMtc2VjcmV0LTAxMjM0NTY3ODlhYmNkZWY=");
        variables.put("NOTIFY_ALLOW_LOOPBACK", "true"); // the webhook listens on this machine
        variables.put("NOTIFY_BACKOFF_MS", "10");
        variables.putAll(overrides);
        return new Environment(variables);
    }
}
