package io.leadscore.aws.lambda;

import io.leadscore.aws.dynamodb.TablePriming;
import io.leadscore.support.Json;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming. Lambda snapshots a function once its constructor has run, and a cold start resumes from
 * the snapshot, so work done before it is never paid again. The constructor already builds the SDK clients; what a
 * first invocation still pays for is the SDK's first request (marshalling, signing, endpoint rules, the HTTP client,
 * parsing the answer), Jackson's first document, reading the event and writing the answer ({@link LambdaJson}), and
 * reading the published model revision. This hook makes them
 * happen before the snapshot: requests that change nothing (one of each kind the stores send, {@link TablePriming},
 * and, for a function that publishes, a PutEvents without entries, which EventBridge refuses), and the function's own
 * warm-ups
 * ({@link #alsoWarm}: the published model, read into its cache; the snapshot keeps it, and the first batch after a
 * restore reads only the model's pointer).
 *
 * <p>It uses clients of its own, configured as the function's are: what it warms (classes loaded, initialised
 * and compiled) belongs to the JVM, not to a client, so a handler needs nothing but {@link #register}. They make one
 * attempt a request: a refused or unreachable request has primed what a retried one would, and the SDK's retries
 * would only lengthen the checkpoint (30 s against an endpoint that refuses connections).
 *
 * <p>Priming is best effort and never throws: a failing hook would fail the deployment. Without AWS (tests,
 * local runs) or without permission the requests fail, after most of the work a success would have done.
 */
public final class Priming implements Resource {
    private static final ClientOverrideConfiguration ONE_ATTEMPT = ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry()).build();
    private final Environment env;
    private final List<Runnable> warmUps = new CopyOnWriteArrayList<>();

    private Priming(Environment env) {
        this.env = env;
    }

    /**
     * Primes the function configured by {@code env} before each checkpoint. CRaC holds resources weakly: keep
     * the returned instance in a field of the handler.
     */
    public static Priming register(Environment env) {
        Priming priming = new Priming(env);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** Work of the function's own to do before the snapshot as well, best effort like the rest. */
    public void alsoWarm(Runnable warmUp) {
        warmUps.add(warmUp);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        quietly(this::dynamoDb);
        // Only the publishing function ships the EventBridge SDK; the others must not touch its classes.
        if (env.get("EVENT_BUS_NAME").isPresent()) {
            quietly(this::eventBridge);
        }
        quietly(() -> Json.mapper().readTree(Json.write(Map.of("primed", List.of(1, 2.5, "text", true)))));
        // A record written and read back: the answers and stored values are records, whose (de)serializers Jackson
        // builds by reflection on first use.
        quietly(() -> Json.mapper().readValue(Json.write(new Sample("primed", 1, List.of("a"), Instant.EPOCH)),
                Sample.class));
        // The handler's stream entry point: an event of each type read, an answer of each kind written.
        quietly(LambdaJson::prime);
        warmUps.forEach(warmUp -> quietly(warmUp::run));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: priming keeps no client, connection or credentials.
    }

    private void dynamoDb() {
        try (DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder().overrideConfiguration(ONE_ATTEMPT),
                env, AwsClients.DYNAMODB_ENDPOINT)) {
            TablePriming.run(dynamo, env.get("TABLE_NAME").orElse("leadscore-priming"));
        }
    }

    private void eventBridge() {
        try (EventBridgeClient events = AwsClients.configure(
                EventBridgeClient.builder().overrideConfiguration(ONE_ATTEMPT), env, AwsClients.EVENTBRIDGE_ENDPOINT)) {
            events.putEvents(request -> request.entries(List.of()));
        }
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception expected) {
            // A refused or unreachable request has still loaded what the first real one would have.
        }
    }

    /** What a record of the functions' answers holds: text, a number, a list, an instant. */
    private record Sample(String text, long number, List<String> items, Instant at) {
    }

    private interface Step {
        void run() throws Exception;
    }
}
