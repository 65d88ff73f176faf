package io.leadscore.jobs;

import io.leadscore.aws.dynamodb.JobSegment.LeadError;
import io.leadscore.aws.dynamodb.JobSegment.PageCounts;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.lead.Lead;
import io.leadscore.scoring.RescoreRun;
import io.leadscore.scoring.ScoreStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A re-score's page: each lead re-scored exactly once under the published revision ({@link RescoreRun}), several at a
 * time. The page's leads are read in one consistent batch; a lead changed since is read again by the run.
 */
final class RescoreSegment implements SegmentWork {
    private final ScoreStore store;
    private final RescoreRun run;
    private final Parallel parallel;

    RescoreSegment(ScoreStore store, RescoreRun run, Parallel parallel) {
        this.store = store;
        this.run = run;
        this.parallel = parallel;
    }

    /** A lead's outcome, or its error. */
    private record Result(RescoreRun.Outcome outcome, LeadError error) {
    }

    @Override
    public PageCounts page(List<String> leadIds) {
        Map<String, Lead> read = store.leads(leadIds);
        List<Result> results = parallel.map(leadIds, leadId -> {
            try {
                return new Result(run.rescore(leadId, read.get(leadId)), null);
            } catch (RuntimeException e) {
                if (!SegmentWork.isTheLeads(e)) {
                    throw e;
                }
                return new Result(null, SegmentWork.error(leadId, e));
            }
        });
        long changed = results.stream().filter(r -> r.outcome() == RescoreRun.Outcome.CHANGED).count();
        List<LeadError> errors = new ArrayList<>();
        results.stream().filter(r -> r.error() != null).forEach(r -> errors.add(r.error()));
        return new PageCounts(changed, results.size() - changed - errors.size(), errors);
    }

    @Override
    public Map<String, Object> state() {
        return null;
    }
}
