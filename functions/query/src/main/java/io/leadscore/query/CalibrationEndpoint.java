package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.lifecycle.Stage;
import io.leadscore.model.ScoringModel;
import io.leadscore.report.CalibrationReport;
import io.leadscore.report.CountReader;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GET /v1/reports/calibration?reached=mql|won: the point calibration under the model in force, over the leads that
 * became sales-ready (default) or won, from the report counters: one Query, whatever the number of leads. JSON, or
 * with {@code &format=csv} CSV that opens in a spreadsheet.
 */
final class CalibrationEndpoint implements Endpoint {
    static final String CSV = "text/csv; charset=utf-8";

    private final CountReader counters;
    private final Supplier<ScoringModel> model;

    CalibrationEndpoint(CountReader counters, Supplier<ScoringModel> model) {
        this.counters = counters;
        this.model = model;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        Map<String, String> query = QueryString.of(request);
        QueryString.allowOnly(query, "the calibration report", List.of("reached", "format"));
        Stage reached = Stage.of(QueryString.oneOf(query, "reached", "mql", "won"));
        String format = QueryString.oneOf(query, "format", "json", "csv");
        CalibrationReport report = CalibrationReport.of(reached, model.get(), counters);
        if (format.equals("csv")) {
            return HttpApi.withHeader(HttpApi.text(200, CSV, report.toCsv()), "content-disposition",
                    "attachment; filename=\"calibration-" + reached.label() + ".csv\"");
        }
        return HttpApi.json(200, report);
    }
}
