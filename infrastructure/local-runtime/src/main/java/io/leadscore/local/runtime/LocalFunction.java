package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.aws.lambda.LambdaJson;
import io.leadscore.local.FunctionDef;
import io.leadscore.local.LocalContext;
import io.leadscore.support.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * One function of the template, built the way the local runtime builds every handler (its class, from the
 * template, with the environment the template gives it) and invoked as each of its event sources would.
 * Each invocation goes through the handler's stream entry point, as Lambda calls it: the event is written as Lambda
 * hands it over (by Lambda's own event serializers) and the answer read back from what the handler wrote. The casts
 * are the template's promise: a function with an HTTP route handles API Gateway events, and so on.
 */
final class LocalFunction {
    private static final System.Logger HOPS = System.getLogger(LocalFunction.class.getName());
    /** Built once per event type: each builds a Jackson mapper of its own. */
    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private final FunctionDef definition;
    private final RequestStreamHandler handler;

    LocalFunction(FunctionDef definition, Environment env) throws ReflectiveOperationException {
        this.definition = definition;
        this.handler = (RequestStreamHandler) Class.forName(definition.handlerClass())
                .getConstructor(Environment.class).newInstance(env);
    }

    FunctionDef definition() {
        return definition;
    }

    APIGatewayV2HTTPResponse http(APIGatewayV2HTTPEvent request) {
        return Json.mapper().convertValue(invoke(request), APIGatewayV2HTTPResponse.class);
    }

    StreamsEventResponse stream(DynamodbEvent batch) {
        return new StreamsEventResponse(failures(invoke(batch)).stream()
                .map(StreamsEventResponse.BatchItemFailure::new).toList());
    }

    SQSBatchResponse queue(SQSEvent messages) {
        return new SQSBatchResponse(failures(invoke(messages)).stream()
                .map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    void s3(S3Event event) {
        invoke(event);
    }

    /**
     * An EventBridge event as EventBridge delivers it: its detail verbatim, null fields included, which Lambda's
     * event serializer would drop (a bus event's optional fields, such as a qualification's {@code group}, are null).
     */
    void event(ScheduledEvent event) {
        ObjectNode json = Json.mapper().createObjectNode().put("version", event.getVersion()).put("id", event.getId())
                .put("detail-type", event.getDetailType()).put("source", event.getSource())
                .put("account", event.getAccount())
                .put("time", event.getTime() == null ? null : event.getTime().toString())
                .put("region", event.getRegion());
        json.set("resources", Json.mapper().valueToTree(event.getResources()));
        json.set("detail", Json.mapper().valueToTree(event.getDetail()));
        try {
            invoke(Json.mapper().writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("the event for " + definition.logicalId() + " cannot be written", e);
        }
    }

    /** A scheduled invocation with the schedule's JSON input; returns what the function returned, as JSON values. */
    Object schedule(String input) {
        try {
            return Json.mapper().treeToValue(invoke(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the answer of " + definition.logicalId() + " is not JSON", e);
        }
    }

    /** The event as Lambda's runtime writes it for a function, handed to the function's stream entry point. */
    @SuppressWarnings("unchecked")
    private <E> JsonNode invoke(E event) {
        PojoSerializer<E> serializer = (PojoSerializer<E>) SERIALIZERS.computeIfAbsent(event.getClass(),
                type -> LambdaEventSerializers.serializerFor(type, LocalFunction.class.getClassLoader()));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        serializer.toJson(event, json);
        return invoke(json.toByteArray());
    }

    /**
     * Runs the handler; at DEBUG, logs its start and end as {@code [logicalId, "start" or "end", System.nanoTime()]}:
     * the hops of a request through the runtime, which the latency benchmark reads.
     */
    private JsonNode invoke(byte[] event) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        boolean hops = HOPS.isLoggable(DEBUG);
        if (hops) {
            HOPS.log(DEBUG, "{0} {1} {2}", definition.logicalId(), "start", System.nanoTime());
        }
        try {
            handler.handleRequest(new ByteArrayInputStream(event), answer, context());
            return LambdaJson.tree(new ByteArrayInputStream(answer.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(definition.logicalId() + " failed to read its event or write its answer",
                    e);
        } finally {
            if (hops) {
                HOPS.log(DEBUG, "{0} {1} {2}", definition.logicalId(), "end", System.nanoTime());
            }
        }
    }

    /** The item identifiers of a batch answer ({@code batchItemFailures}). */
    private static List<String> failures(JsonNode answer) {
        return answer.path("batchItemFailures").findValuesAsText("itemIdentifier");
    }

    private Context context() {
        return new LocalContext(definition.logicalId(), Duration.ofSeconds(definition.timeoutSeconds()));
    }
}
