package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests of the query tests: a route as API Gateway hands it over, and a list read page by page to its end. */
final class QueryRequests {
    private static final String SAMPLE_REQUEST = "../../events/query/get-lead.json";

    private QueryRequests() {
    }

    static APIGatewayV2HTTPResponse get(QueryHandler handler, String routeKey, Map<String, String> path,
                                        Map<String, String> query) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(SAMPLE_REQUEST);
        request.setRouteKey(routeKey);
        request.setPathParameters(new HashMap<>(path));
        request.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        return handler.handleRequest(request, null);
    }

    /** Every row of a list, {@code limit} a page, following each page's {@code next}; no page over its limit. */
    static List<JsonNode> pageThrough(QueryHandler handler, String route, int limit, Map<String, String> filters) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>(filters);
            query.put("limit", String.valueOf(limit));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = body(200, get(handler, route, Map.of(), query));
            page.get("items").forEach(rows::add);
            assertTrue(page.get("items").size() <= limit);
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return rows;
    }
}
