package io.leadscore.decay;

import io.leadscore.announcement.ModelNeedsReview;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.report.CountReader;
import io.leadscore.report.WeeklyAudit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The scheduled MQL audit of the last complete ISO week ({@link WeeklyAudit}), beside {@link ReviewCheck}: both tell
 * marketing, through the model's outbox, that the model should be looked at again, one by the calendar, this one by
 * sales' verdicts. The week's counters are a few items (one Query per month), and the announcement's key holds the
 * model and the week, so a second run of the same week (a retry, a run on demand) stores nothing and announces nothing.
 */
final class AuditCheck {
    private final CountReader counters;
    private final Outbox outbox;
    private final String modelId;

    AuditCheck(CountReader counters, Outbox outbox, String modelId) {
        this.counters = counters;
        this.outbox = outbox;
        this.modelId = modelId;
    }

    /** What the run found, and whether it announced it now (not when a run of the same week did before). */
    record Result(WeeklyAudit audit, boolean announced) {
    }

    Result run(Instant now) {
        WeeklyAudit audit = WeeklyAudit.of(counters, modelId, LocalDate.ofInstant(now, ZoneOffset.UTC));
        Optional<ModelNeedsReview> announcement = audit.announcement();
        return new Result(audit, announcement.isPresent() && outbox.storeOnce(announcement.get(), now));
    }
}
