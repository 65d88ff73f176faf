package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;
import io.leadscore.lifecycle.FeedbackReader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * POST /v1/feedback: {@code {"items": [...]}}, 1 to {@value Verdicts#MAX_ITEMS} verdicts, each naming its
 * {@code leadId}: a CRM's sync or an import. Each item is applied on its own, in order, and answered in
 * {@code results} ({@code applied}, {@code duplicate}, {@code rejected} with the fields at fault,
 * {@code unknown_lead}, {@code refused} for a move that makes no sense), with counts; 200 whatever the items' fate,
 * 400 when the batch itself is malformed.
 */
final class RecordFeedbackBatch implements Endpoint {
    private final Verdicts verdicts;

    RecordFeedbackBatch(Verdicts verdicts) {
        this.verdicts = verdicts;
    }

    record Answer(Map<String, Integer> counts, List<Verdicts.Result> results) {
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        JsonNode body = Verdicts.body(request);
        if (!body.isObject()) {
            throw new Refused(400, "invalid_batch", "the body must be an object: {\"items\": [...]}", "body");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("items")) {
                throw new Refused(400, "invalid_batch", "unknown field (allowed: items)", name);
            }
        });
        JsonNode items = body.get("items");
        if (items == null || !items.isArray() || items.isEmpty() || items.size() > Verdicts.MAX_ITEMS) {
            throw new Refused(400, "invalid_batch", "must be a list of 1 to " + Verdicts.MAX_ITEMS + " verdicts"
                    + (items != null && items.isArray() ? ", not " + items.size() : ""), "items");
        }
        Instant now = verdicts.clock().instant();
        List<Verdicts.Result> results = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            FeedbackReader.Read read = FeedbackReader.item(items.get(i), "items[" + i + "]", now);
            Verdicts.Result result = read.accepted() ? verdicts.apply(i, read.feedback())
                    : Verdicts.rejected(i, read.errors());
            results.add(result);
            counts.merge(result.status(), 1, Integer::sum);
        }
        return HttpApi.json(200, new Answer(counts, results));
    }
}
