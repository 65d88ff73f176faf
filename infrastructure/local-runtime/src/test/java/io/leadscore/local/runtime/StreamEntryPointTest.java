package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalEventBus;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample event in events/ answered through a function's stream entry point (what Lambda calls, the event
 * parsed by the project's {@code LambdaJson}) exactly as through its typed method fed the event as Lambda's own
 * serializer reads it (what Lambda did before), the typed answer written by Lambda's serializer too. Each form runs
 * on fresh tables with the same seed data and a stopped clock, so the two answers can be compared whole.
 */
class StreamEntryPointTest {
    private static final Path EVENTS = SamTemplate.locate().getParent().resolve("events");
    /** The function each folder's samples are sent to; a sample it does not place fails the test. */
    private static final Map<String, String> FUNCTIONS = Map.of("ingest", "IngestFunction", "score", "ScoreFunction",
            "query", "QueryFunction", "publish", "PublishFunction", "notify", "NotifyFunction", "decay",
            "DecayFunction", "admin", "AdminFunction", "redrive", "RedriveFunction", "bus", "NotifyFunction", "dashboard",
            "DashboardFunction");
    private static final Map<String, String> EXCEPTIONS = Map.of("bus/job-segment-ready.json", "JobsFunction",
            "redrive/post-redrive.json", "OpsFunction");
    /**
     * Not Lambda events: the bus events' JSON Schemas and files to import; and the train function's schedule input,
     * whose answer names the run it queues, a new one each time (HandlerJarsTest sends it).
     */
    private static final List<String> NOT_EVENTS = List.of("schemas", "imports", "train");

    private static SamTemplate template;
    private static LocalDynamoDb dynamoDb;
    private static LocalEventBus eventBus;

    @BeforeAll
    static void start() throws IOException {
        template = SamTemplate.load(SamTemplate.locate());
        dynamoDb = LocalDynamoDb.shared();
        eventBus = LocalEventBus.start(template);
    }

    @AfterAll
    static void stop() {
        eventBus.close();
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.walk(EVENTS)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> EVENTS.relativize(file).toString().replace('\\', '/'))
                    .filter(sample -> NOT_EVENTS.stream().noneMatch(folder -> sample.startsWith(folder + "/")))
                    .sorted().toList().stream();
        }
    }

    @Test
    void everySampleFolderIsSentToAFunction() throws IOException {
        List<String> samples = samples().toList();
        assertTrue(samples.size() >= 30, "samples found: " + samples);
        samples.forEach(StreamEntryPointTest::function);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theStreamFormAnswersAsTheTypedForm(String sample) throws Exception {
        String function = function(sample);
        Path file = EVENTS.resolve(sample);

        Object handler = handler(function);
        Class<?> eventType = eventType(handler.getClass());
        @SuppressWarnings("unchecked")
        Object typed = outcome(() -> lambdaJson(((RequestHandler<Object, Object>) handler).handleRequest(
                EventLoader.loadEvent(file.toString(), eventType), null)));

        Object stream = outcome(() -> {
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            ((RequestStreamHandler) handler(function)).handleRequest(
                    new ByteArrayInputStream(Files.readAllBytes(file)), written, null);
            return withoutNulls(Json.mapper().readTree(written.toByteArray()));
        });

        assertEquals(typed, stream, sample + " through " + function);
    }

    /** The answer, or the refusal: a sample the function does not take (a bus event for others) fails alike. */
    private static Object outcome(Answer answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private interface Answer {
        JsonNode get() throws Exception;
    }

    private static String function(String sample) {
        String function = EXCEPTIONS.getOrDefault(sample, FUNCTIONS.get(sample.substring(0, sample.indexOf('/'))));
        if (function == null) {
            throw new AssertionError(sample + " is sent to no function: add its folder to FUNCTIONS");
        }
        return function;
    }

    /** A new handler on fresh tables, the samples' write key registered and the clock stopped at the samples' time. */
    private static Object handler(String function) throws ReflectiveOperationException {
        dynamoDb.freshTables();
        new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .register("acme-site", "wk_sample_acme_site");
        Map<String, String> variables = new HashMap<>(LocalFunctions.environment(template, dynamoDb, eventBus,
                function));
        variables.put(Clocks.CLOCK_START, "2026-11-23T11:00:00Z");
        variables.put(Clocks.CLOCK_SPEED, "0");
        return Class.forName(template.function(function).handlerClass()).getConstructor(Environment.class)
                .newInstance(new Environment(variables));
    }

    private static Class<?> eventType(Class<?> handler) {
        for (Method method : handler.getMethods()) {
            if (method.getName().equals("handleRequest") && !method.isBridge() && method.getParameterCount() == 2) {
                return method.getParameterTypes()[0];
            }
        }
        throw new AssertionError(handler.getName() + " has no typed handleRequest");
    }

    /** The typed answer as Lambda's runtime wrote it: its serializer for its event types, else plain JSON. */
    @SuppressWarnings("unchecked")
    private static JsonNode lambdaJson(Object answer) throws IOException {
        if (answer == null) {
            return Json.mapper().nullNode();
        }
        if (!LambdaEventSerializers.isLambdaSupportedEvent(answer.getClass().getName())) {
            return withoutNulls(Json.mapper().valueToTree(answer));
        }
        PojoSerializer<Object> serializer = LambdaEventSerializers.serializerFor((Class<Object>) answer.getClass(),
                StreamEntryPointTest.class.getClassLoader());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        serializer.toJson(answer, json);
        return withoutNulls(Json.mapper().readTree(json.toByteArray()));
    }

    /** Lambda's serializer writes absent fields as null; an answer is the same without them. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getValue().isNull());
            object.properties().forEach(field -> withoutNulls(field.getValue()));
        } else if (node.isArray()) {
            node.forEach(StreamEntryPointTest::withoutNulls);
        }
        return node;
    }
}
