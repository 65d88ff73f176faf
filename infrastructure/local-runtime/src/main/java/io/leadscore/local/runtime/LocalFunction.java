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

/**
 * One function of the template, built the way the local runtime builds every handler (its class, from the
 * template, with the environment the template gives it) and invoked as each of its event sources would.
 * The casts are the template's promise: a function with an HTTP route handles API Gateway events, and so on.
 */
@SuppressWarnings("unchecked")
final class LocalFunction {
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
        return (APIGatewayV2HTTPResponse) handler.handleRequest(request, context());
    }

    StreamsEventResponse stream(DynamodbEvent batch) {
        return (StreamsEventResponse) handler.handleRequest(batch, context());
    }

    SQSBatchResponse queue(SQSEvent messages) {
        return (SQSBatchResponse) handler.handleRequest(messages, context());
    }

    void s3(S3Event event) {
        handler.handleRequest(event, context());
    }

    void event(ScheduledEvent event) {
        handler.handleRequest(event, context());
    }

    /** A scheduled invocation with the schedule's JSON input; returns what the function returned. */
    Object schedule(String input) {
        try {
            return handler.handleRequest(Json.mapper().readValue(input, JSON_OBJECT), context());
        } catch (IOException e) {
            throw new UncheckedIOException("the schedule input of " + definition.logicalId() + " is not JSON", e);
        }
    }

    private Context context() {
        return new LocalContext(definition.logicalId(), Duration.ofSeconds(definition.timeoutSeconds()));
    }
}
