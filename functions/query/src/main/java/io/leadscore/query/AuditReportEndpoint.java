package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.report.AuditReport;
import io.leadscore.report.CountReader;
import io.leadscore.report.ReportPeriod;

import java.time.Clock;
import java.time.LocalDate;

/**
 * GET /v1/reports/audit?from=&to=: the MQL audit of a period (by default the 30 days ending today, UTC), from the
 * counters kept at write time: one Query per month of the period and family, however many leads.
 */
final class AuditReportEndpoint implements Endpoint {
    static final int DEFAULT_DAYS = 30;

    private final CountReader counters;
    private final String modelId;
    private final Clock clock;

    AuditReportEndpoint(CountReader counters, String modelId, Clock clock) {
        this.counters = counters;
        this.modelId = modelId;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        ReportRequest asked = ReportRequest.of(request, "the audit report",
                ReportPeriod.lastDays(LocalDate.now(clock), DEFAULT_DAYS));
        AuditReport report = AuditReport.of(counters, modelId, asked.period());
        return asked.answer(report, report::toCsv, "audit");
    }
}
