package io.leadscore.report;

import io.leadscore.announcement.ModelNeedsReview;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The scheduled audit: the last complete ISO week (Monday to Sunday, before the week of {@code today}), and when sales
 * rejected more than half of its decided MQLs, the announcement that the model needs re-evaluation now. A week is
 * audited whole so that the announcement of a week means the same whenever the schedule runs.
 */
public record WeeklyAudit(AuditReport report, String week) {

    public static WeeklyAudit of(CountReader counters, String modelId, LocalDate today) {
        LocalDate monday = today.with(DayOfWeek.MONDAY).minusWeeks(1);
        ReportPeriod period = new ReportPeriod(monday, monday.plusDays(6));
        return new WeeklyAudit(AuditReport.of(counters, modelId, period), AuditReport.isoWeek(monday));
    }

    /** What to announce: empty when the week does not need review. */
    public Optional<ModelNeedsReview> announcement() {
        return report.needsReview() ? Optional.of(new ModelNeedsReview(report.model(), week, report.from(), report.to(),
                report.mqls(), report.decided(), report.rejected())) : Optional.empty();
    }
}
