package io.leadscore.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.ingest.IngestHandler;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A {@code POST /v1/events} as API Gateway hands it to the ingest function, and the check that all was accepted. */
final class IngestPost {
    private IngestPost() {
    }

    /** The request carrying {@code events} (each a JSON object) with the write key. */
    static APIGatewayV2HTTPEvent of(String writeKey, List<String> events) {
        return APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("content-type", "application/json", IngestHandler.WRITE_KEY_HEADER, writeKey))
                .withBody("{\"events\": [" + String.join(",", events) + "]}").build();
    }

    /** Sends it through {@code ingest}; anything but every event accepted stops the benchmark. */
    static void send(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> ingest, String writeKey,
                     List<String> events) {
        APIGatewayV2HTTPResponse response = ingest.apply(of(writeKey, events));
        if (response.getStatusCode() != 202 || !response.getBody().startsWith("{\"accepted\":" + events.size() + ",")) {
            throw new IllegalStateException(response.getStatusCode() + " " + response.getBody());
        }
    }

    /** A tracking event as JSON. */
    static String event(String eventId, String type, String leadId, String timestamp, String properties) {
        return "{\"eventId\": \"" + eventId + "\", \"type\": \"" + type + "\", \"leadId\": \"" + leadId
                + "\", \"timestamp\": \"" + timestamp + "\", \"properties\": " + properties + "}";
    }
}
