package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.RevisionComparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GET /v1/models/{modelId}/compare?from=1&to=3: the revision table, like the marketers' spreadsheet: a row per
 * setting, a column per revision from {@code from} to {@code to} (each a number or {@code published}; from a later to
 * an earlier one reads right to left), changed cells marked, with the notes. JSON, or with {@code &format=csv} CSV
 * that opens in a spreadsheet.
 */
final class CompareRevisions implements Endpoint {
    /** Side by side, more columns than this are no longer readable; and each is read whole (up to 256 KB). */
    static final int MAX_COLUMNS = 20;

    private final Models models;

    CompareRevisions(Models models) {
        this.models = models;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Models.Addressed addressed = models.address(request, "a comparison", "from", "to", "format");
        String modelId = addressed.modelId();
        Map<String, String> query = addressed.query();
        String format = QueryString.oneOf(query, "format", "json", "csv");
        ModelPointer pointer = models.pointer(modelId);
        int from = Models.number(query.get("from"), "from", pointer);
        int to = Models.number(query.get("to"), "to", pointer);
        if (Math.abs(to - from) + 1 > MAX_COLUMNS) {
            throw new Refused(400, "too_many_revisions", "at most " + MAX_COLUMNS + " revisions side by side; "
                    + from + " to " + to + " is " + (Math.abs(to - from) + 1), "to");
        }
        List<Integer> numbers = new ArrayList<>();
        for (int n = from; ; n += Integer.signum(to - from)) {
            numbers.add(n);
            if (n == to) {
                break;
            }
        }
        Map<Integer, ModelRevision> stored = models.store().revisions(modelId, numbers);
        List<ModelRevision> columns = numbers.stream().map(n -> {
            ModelRevision revision = stored.get(n);
            if (revision == null) {
                throw Models.notFound(pointer, n, n == from ? "from" : "to");
            }
            return revision;
        }).toList();
        RevisionComparison comparison = RevisionComparison.of(columns);
        if (format.equals("csv")) {
            return HttpApi.withHeader(HttpApi.text(200, HttpApi.CSV, comparison.toCsv()), "content-disposition",
                    "attachment; filename=\"" + modelId + "-r" + from + "-r" + to + ".csv\"");
        }
        return HttpApi.json(200, comparison);
    }
}
