package io.leadscore.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.FunctionDef;
import io.leadscore.local.LocalContext;
import io.leadscore.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * One function of the template, built the way the local runtime builds every handler (its class, from the
 * template, with the environment the template gives it) and invoked as each of its event sources would.
 * The casts are the template's promise: a function with an HTTP route handles API Gateway events, and so on.
 */
@SuppressWarnings("unchecked")
final class LocalFunction {
    private static final System.Logger HOPS = System.getLogger(LocalFunction.class.getName());
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final FunctionDef definition;
    private final RequestHandler<Object, Object> handler;

    LocalFunction(FunctionDef definition, Environment env) throws ReflectiveOperationException {
        this.definition = definition;
        this.handler = (RequestHandler<Object, Object>) Class.forName(definition.handlerClass())
                .getConstructor(Environment.class).newInstance(env);
    }

    FunctionDef definition() {
        return definition;
    }

    APIGatewayV2HTTPResponse http(APIGatewayV2HTTPEvent request) {
        return (APIGatewayV2HTTPResponse) invoke(request);
    }

    StreamsEventResponse stream(DynamodbEvent batch) {
        return (StreamsEventResponse) invoke(batch);
    }

    SQSBatchResponse queue(SQSEvent messages) {
        return (SQSBatchResponse) invoke(messages);
    }

    void s3(S3Event event) {
        invoke(event);
    }

    void event(ScheduledEvent event) {
        invoke(event);
    }

    /** A scheduled invocation with the schedule's JSON input; returns what the function returned. */
    Object schedule(String input) {
        try {
            return invoke(Json.mapper().readValue(input, JSON_OBJECT));
        } catch (IOException e) {
            throw new UncheckedIOException("the schedule input of " + definition.logicalId() + " is not JSON", e);
        }
    }

    /**
     * Runs the handler; at DEBUG, logs its start and end as {@code [logicalId, "start" or "end", System.nanoTime()]}:
     * the hops of a request through the runtime, which the latency benchmark reads.
     */
    private Object invoke(Object event) {
        if (!HOPS.isLoggable(DEBUG)) {
            return handler.handleRequest(event, context());
        }
        HOPS.log(DEBUG, "{0} {1} {2}", definition.logicalId(), "start", System.nanoTime());
        try {
            return handler.handleRequest(event, context());
        } finally {
            HOPS.log(DEBUG, "{0} {1} {2}", definition.logicalId(), "end", System.nanoTime());
        }
    }

    private Context context() {
        return new LocalContext(definition.logicalId(), Duration.ofSeconds(definition.timeoutSeconds()));
    }
}
