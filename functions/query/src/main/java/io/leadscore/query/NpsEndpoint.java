package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.report.CountReader;
import io.leadscore.report.NpsReport;

import java.util.Map;
import java.util.Set;

/**
 * GET /v1/reports/nps: the Net Promoter Score overall and per account, JSON or with {@code format=csv} a spreadsheet.
 * Read from the counters kept at write time: two Queries, whatever the number of leads.
 */
final class NpsEndpoint implements Endpoint {
    static final String CSV = "text/csv; charset=utf-8";

    private final CountReader counts;

    NpsEndpoint(CountReader counts) {
        this.counts = counts;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Map<String, String> query = QueryString.of(request);
        QueryString.allowOnly(query, "this report", Set.of("format"));
        NpsReport report = NpsReport.read(counts);
        return QueryString.oneOf(query, "format", "json", "csv").equals("csv")
                ? HttpApi.withHeader(HttpApi.text(200, CSV, report.toCsv()), "content-disposition",
                "attachment; filename=\"nps.csv\"")
                : HttpApi.json(200, report);
    }
}
