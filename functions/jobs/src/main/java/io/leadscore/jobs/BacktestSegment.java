package io.leadscore.jobs;

import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.JobSegment.LeadError;
import io.leadscore.aws.dynamodb.JobSegment.PageCounts;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.revision.BacktestReport;
import io.leadscore.scoring.AppliedHistory;
import io.leadscore.scoring.ScoreStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A backtest's page: each lead's applied history read (several at a time) and replayed under both revisions into the
 * segment's partial report, which the segment keeps with its cursor. It only reads. A lead whose history has partly
 * expired (retention) is replayed from what remains, under both revisions alike: the two sides compare, and both lack
 * the expired activities' points.
 */
final class BacktestSegment implements SegmentWork {
    private final ScoreStore store;
    private final AppliedHistory history;
    private final BacktestReport report;
    private final Instant now;
    private final Parallel parallel;

    /**
     * @param report the segment's report so far
     * @param now    the job's start: every segment replays to the same moment
     */
    BacktestSegment(ScoreStore store, BacktestReport report, Instant now, Parallel parallel) {
        this.store = store;
        this.history = new AppliedHistory(store);
        this.report = report;
        this.now = now;
        this.parallel = parallel;
    }

    /** A lead's history, or its error; neither for a lead merged or gone since the scan read it. */
    private record Read(String leadId, List<Activity> history, List<Feedback> verdicts, LeadError error) {
    }

    @Override
    public PageCounts page(List<String> leadIds) {
        Map<String, Lead> read = store.leads(leadIds);
        List<Read> histories = parallel.map(leadIds, leadId -> {
            Lead lead = read.get(leadId);
            try {
                return lead == null || lead.mergedInto() != null ? new Read(leadId, null, null, null)
                        : new Read(leadId, history.of(lead).activities(), lead.verdicts(), null);
            } catch (RuntimeException e) {
                if (!SegmentWork.isTheLeads(e)) {
                    throw e;
                }
                return new Read(leadId, null, null, SegmentWork.error(leadId, e));
            }
        });
        List<LeadError> errors = new ArrayList<>();
        for (Read lead : histories) {
            if (lead.error() != null) {
                errors.add(lead.error());
            } else if (lead.history() != null) {
                try {
                    report.add(lead.leadId(), lead.history(), lead.verdicts(), now);
                } catch (IllegalArgumentException e) {
                    errors.add(SegmentWork.error(lead.leadId(), e));
                }
            }
        }
        return new PageCounts(0, leadIds.size() - errors.size(), errors);
    }

    @Override
    public Map<String, Object> state() {
        return report.state();
    }
}
