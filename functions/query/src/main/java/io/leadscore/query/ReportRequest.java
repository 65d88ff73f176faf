package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.QueryString;
import io.leadscore.aws.http.Refused;
import io.leadscore.report.ReportPeriod;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a report is asked for ({@code from}, {@code to}: YYYY-MM-DD; {@code format}: json or csv) and how it answers:
 * JSON, or CSV as a download. Every refusal is a 400 naming the parameter.
 */
record ReportRequest(ReportPeriod period, boolean csv) {
    static final String CSV = "text/csv; charset=utf-8";

    /** @param what the report, for the refusal of a parameter it does not take: "the audit report" */
    static ReportRequest of(APIGatewayV2HTTPEvent request, String what, ReportPeriod defaults) {
        Map<String, String> query = QueryString.of(request);
        QueryString.allowOnly(query, what, List.of("from", "to", "format"));
        boolean csv = QueryString.oneOf(query, "format", "json", "csv").equals("csv");
        try {
            return new ReportRequest(ReportPeriod.parse(query.get("from"), query.get("to"), defaults), csv);
        } catch (ReportPeriod.Invalid invalid) {
            String field = invalid.error().field();
            throw new Refused(400, "invalid_" + field, field + " " + invalid.error().problem(), field);
        }
    }

    /** The report as asked; as CSV, a file named {@code <name>-<from>-<to>.csv}. */
    APIGatewayV2HTTPResponse answer(Object report, Supplier<String> asCsv, String name) {
        if (!csv) {
            return HttpApi.json(200, report);
        }
        return HttpApi.withHeader(HttpApi.text(200, CSV, asCsv.get()), "content-disposition",
                "attachment; filename=\"" + name + "-" + period.from() + "-" + period.to() + ".csv\"");
    }
}
