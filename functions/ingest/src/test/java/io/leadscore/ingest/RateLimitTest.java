package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.dynamodb.WriteKeyStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.leadscore.ingest.IngestHandlerTest.assertStatus;
import static io.leadscore.ingest.IngestHandlerTest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events a minute per write key and per lead, counted in the table (so they hold across Lambda instances): past the
 * key's budget a request is answered 429 with retry-after and nothing is stored; past a lead's, that lead's events are
 * refused and the others recorded.
 */
class RateLimitTest {
    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private IngestHandler handler;

    @BeforeEach
    void aKeyOfTenEventsAMinuteAndThreeALead() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("IngestFunction"));
        env.put("CLOCK_START", "2026-11-23T11:00:15Z");
        env.put("CLOCK_SPEED", "0"); // the clock stands still: every request falls in the same minute, at 11:00:15
        env.put(IngestHandler.RATE_LIMIT_PER_KEY, "10");
        env.put(IngestHandler.RATE_LIMIT_PER_LEAD, "3");
        handler = new IngestHandler(new Environment(env));
        new WriteKeyStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC())
                .register("acme-site", IngestHandlerTest.SAMPLE_KEY);
    }

    @Test
    void aKeyAndALeadGetTheirEventsAMinuteAndNoMore() {
        JsonNode first = body(assertStatus(202, post(events("ann", 2), events("bob", 2))));
        assertEquals(4, first.get("accepted").asInt());

        // ann would reach 4 of her 3: her events are refused, carl's taken.
        JsonNode second = body(assertStatus(202, post(events("ann", 2), events("carl", 1))));
        assertEquals(1, second.get("accepted").asInt(), second.toString());
        assertEquals("events[0].leadId", second.at("/results/0/errors/0/field").asText());
        assertTrue(second.at("/results/0/errors/0/problem").asText().contains("more than 3 events a minute"));

        // 7 taken (ann's refused events count against the key: they were sent) and 6 more would pass the key's 10:
        // the whole request waits for the next minute.
        APIGatewayV2HTTPResponse third = post(events("dora", 3), events("eve", 3));
        assertEquals(429, third.getStatusCode());
        assertEquals("rate_limited", body(third).at("/error/code").asText());
        assertEquals("45", third.getHeaders().get("retry-after"), "the clock reads 11:00:15");

        JsonNode fourth = body(assertStatus(202, post(events("ann", 1))));
        assertEquals(1, fourth.get("accepted").asInt(), "ann's refused events took nothing from her own budget");
        assertEquals(6, IngestHandlerTest.storedActivities(dynamoDb).size());
    }

    @Test
    void aRequestOfOneLeadPastItsBudgetIsAnswered429() {
        APIGatewayV2HTTPResponse response = post(events("ann", 4));
        assertEquals(429, response.getStatusCode());
        assertEquals("rejected", body(response).at("/results/3/status").asText());
        assertTrue(response.getHeaders().containsKey("retry-after"));
    }

    private APIGatewayV2HTTPResponse post(List<String>... leads) {
        String events = String.join(",", java.util.Arrays.stream(leads).flatMap(List::stream).toList());
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/v1/events")
                .withHeaders(new HashMap<>(Map.of("content-type", "application/json", "x-write-key",
                        IngestHandlerTest.SAMPLE_KEY)))
                .withBody("{\"events\": [" + events + "]}").withIsBase64Encoded(false).build(), null);
    }

    private static int sequence;

    private static List<String> events(String lead, int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"eventId\": \"" + lead + "-" + sequence++ + "\","
                + " \"type\": \"page_view\", \"leadId\": \"" + lead + "\", \"timestamp\": \"2026-11-23T10:00:00Z\","
                + " \"properties\": {\"url\": \"https://acme.example/pricing\"}}").toList();
    }
}
