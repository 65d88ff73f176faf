package io.leadscore.query;

import io.leadscore.activity.Retention;
import io.leadscore.scoring.ScoringRun;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/leads/{leadId}/ledger on DynamoDB Local: a lead's whole history, oldest first, a page at a time. */
class LedgerEndpointTest {
    private static final String SAMPLE_REQUEST = "../../events/query/get-lead.json";
    private static final Instant START = Instant.parse("2026-09-01T09:00:00Z");
    private static final int EVENTS = 44;

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;

    /**
     * 44 page views a day apart (a pricing view every fourth day), then 50 quiet days: the total and the platform
     * group each decay five times and the lead goes cold, 55 ledger entries in all.
     */
    @BeforeEach
    void aLeadWithALongHistory() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        LeadStore leads = new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"), Clock.systemUTC(), Retention.DEFAULT);
        List<Activity> views = new ArrayList<>();
        for (int day = 0; day < EVENTS; day++) {
            Instant at = START.plus(Duration.ofDays(day));
            String page = day % 4 == 0 ? "pricing" : "blog/post-" + day;
            views.add(new Activity("evt-" + day, "page_view", "lead-42", at, Map.of("url", "https://acme.example/" + page),
                    "acme-site", at));
        }
        ScoringRun scoring = new ScoringRun(leads, ModelLoader.defaultModel(), Clock.systemUTC());
        scoring.groups(Map.of("lead-42", views)).forEach(scoring::apply);
        scoring.decay("lead-42", START.plus(Duration.ofDays(EVENTS + 50)));
    }

    @Test
    void pagesThroughTheWholeHistoryOldestFirst() {
        List<JsonNode> entries = new ArrayList<>();
        assertEquals(List.of(20, 20, 15), pageThrough(20, entries));

        assertEquals("evt-0", entries.get(0).get("eventId").asText());
        assertEquals("evt-43", entries.get(EVENTS - 1).get("eventId").asText());
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i - 1).get("occurredAt").asText().compareTo(entries.get(i).get("occurredAt").asText())
                    <= 0, "oldest first: " + entries.get(i - 1) + " then " + entries.get(i));
        }
        Map<String, Long> quietWeeks = new TreeMap<>();
        entries.subList(EVENTS, entries.size()).forEach(e -> quietWeeks.merge(e.get("reason").asText(), 1L, Long::sum));
        assertEquals(Map.of("cold", 1L, "decay", 10L), quietWeeks);
        assertTrue(entries.get(entries.size() - 1).get("scoreAfter").asInt()
                < entries.get(EVENTS - 1).get("scoreAfter").asInt(), "decay lowers the score");
    }

    @Test
    void theLastPageSaysItIsTheLastEvenWhenItIsFull() {
        assertEquals(List.of(11, 11, 11, 11, 11), pageThrough(11, new ArrayList<>()), "no empty page after the fifth");
    }

    @Test
    void answersTwentyFiveByDefaultAndAtMostAHundred() {
        assertEquals(25, body(200, ledger("lead-42", null, null)).get("items").size());
        JsonNode all = body(200, ledger("lead-42", "100", null));
        assertEquals(55, all.get("items").size());
        assertTrue(all.get("next").isNull());
    }

    @Test
    void aLeadNeverScoredIsNotFound() {
        JsonNode error = body(404, ledger("nobody", null, null)).get("error");
        assertEquals("lead_not_found", error.get("code").asText());
        assertEquals("leadId", error.get("field").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", "", "2.5", "99999999999"})
    void refusesALimitOutsideOneToAHundred(String limit) {
        JsonNode error = body(400, ledger("lead-42", limit, null)).get("error");
        assertEquals("invalid_limit", error.get("code").asText());
        assertEquals("limit", error.get("field").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "not a cursor", "====", "a", "evt-1"})
    void refusesACursorThatIsNotBase64Url(String cursor) {
        assertRefusedCursor(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEAD", "2026-09-01T09:00:00.000Z", "ACT#evt-1", "LEDGER#2026-09-01T09:00:00.000Z#evt-1",
            "2026-09-01T09:00:00Z#evt-1", "2026-09-01T09:00:00.000Z#evt#1", "2026-09-01T09:00:00.000Z#evt\u0000"})
    void refusesAPositionTheLedgerNeverHandedOut(String position) {
        assertRefusedCursor(Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertRefusedCursor(String cursor) {
        JsonNode error = body(400, ledger("lead-42", null, cursor)).get("error");
        assertEquals("invalid_cursor", error.get("code").asText(), cursor);
        assertEquals("cursor", error.get("field").asText());
    }

    @Test
    void refusesACursorThatIsNotUtf8() {
        assertRefusedCursor(Base64.getUrlEncoder().encodeToString(new byte[]{(byte) 0xff, (byte) 0xfe, 0x41}));
    }

    @Test
    void refusesCallersWithoutIamAuthentication() {
        APIGatewayV2HTTPEvent request = ledgerRequest("lead-42", null, null);
        request.getRequestContext().setAuthorizer(null);
        assertEquals("forbidden", body(403, handler.handleRequest(request, null)).at("/error/code").asText());
    }

    /** Reads the whole ledger {@code limit} entries at a time into {@code entries}; the size of each page. */
    private List<Integer> pageThrough(int limit, List<JsonNode> entries) {
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = body(200, ledger("lead-42", String.valueOf(limit), cursor));
            page.get("items").forEach(entries::add);
            pageSizes.add(page.get("items").size());
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return pageSizes;
    }

    private APIGatewayV2HTTPResponse ledger(String leadId, String limit, String cursor) {
        return handler.handleRequest(ledgerRequest(leadId, limit, cursor), null);
    }

    private static APIGatewayV2HTTPEvent ledgerRequest(String leadId, String limit, String cursor) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(SAMPLE_REQUEST);
        request.setRouteKey("GET /v1/leads/{leadId}/ledger");
        request.setRawPath("/v1/leads/" + leadId + "/ledger");
        request.setPathParameters(new HashMap<>(Map.of("leadId", leadId)));
        Map<String, String> query = new LinkedHashMap<>();
        if (limit != null) {
            query.put("limit", limit);
        }
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        request.setQueryStringParameters(query.isEmpty() ? null : query);
        return request;
    }
}
