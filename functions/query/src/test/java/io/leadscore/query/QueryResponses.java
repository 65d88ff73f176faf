package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the query tests read of an answer: its status, then its JSON body. */
final class QueryResponses {
    private QueryResponses() {
    }

    /** The body of an answer that must have {@code status}; the body is shown when it has another. */
    static JsonNode body(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
