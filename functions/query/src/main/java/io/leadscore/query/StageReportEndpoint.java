package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.Endpoint;
import io.leadscore.report.CountReader;
import io.leadscore.report.ReportPeriod;
import io.leadscore.report.StageReport;

import java.time.Clock;
import java.time.LocalDate;

/**
 * GET /v1/reports/stages?from=&to=: leads and accounts per stage now, and the conversions of the months the period
 * touches (by default the 12 months up to this one, UTC), from the counters kept at write time.
 */
final class StageReportEndpoint implements Endpoint {
    static final int DEFAULT_MONTHS = 12;

    private final CountReader counters;
    private final Clock clock;

    StageReportEndpoint(CountReader counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        ReportRequest asked = ReportRequest.of(request, "the stage report",
                ReportPeriod.lastMonths(LocalDate.now(clock), DEFAULT_MONTHS));
        StageReport report = StageReport.of(counters, asked.period());
        return asked.answer(report, report::toCsv, "stages");
    }
}
