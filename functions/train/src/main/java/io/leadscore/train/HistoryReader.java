package io.leadscore.train;

import io.leadscore.aws.dynamodb.LeadScan;
import io.leadscore.aws.lambda.Parallel;
import io.leadscore.lead.Lead;
import io.leadscore.prediction.TrainingData;
import io.leadscore.scoring.AppliedHistory;
import io.leadscore.scoring.ScoreStore;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every lead's history into a run's examples the way a backtest reads it: the lead index page by page, each
 * page's leads in one batch, then each lead's applied activities ({@link AppliedHistory}) several leads at a time, with
 * its verdicts and its account. A lead merged into another is read as part of that one. The index is sorted by score,
 * so a lead scored meanwhile may show up again further on: it is read once.
 */
final class HistoryReader {
    private final LeadScan scan;
    private final ScoreStore store;
    private final AppliedHistory history;
    private final Parallel parallel;
    private final int pageSize;

    HistoryReader(LeadScan scan, ScoreStore store, Parallel parallel, int pageSize) {
        this.scan = scan;
        this.store = store;
        this.history = new AppliedHistory(store);
        this.parallel = parallel;
        this.pageSize = pageSize;
    }

    /** Adds every lead's history to {@code data}; returns how many leads were read. */
    long readInto(TrainingData data) {
        long leads = 0;
        Set<String> seen = new HashSet<>();
        Map<String, Object> cursor = null;
        do {
            LeadScan.Page page = scan.page(0, 1, cursor, pageSize);
            List<String> unseen = page.leadIds().stream().filter(seen::add).toList();
            Map<String, Lead> read = unseen.isEmpty() ? Map.of() : store.leads(unseen);
            List<Boolean> added = parallel.map(unseen, leadId -> {
                Lead lead = read.get(leadId);
                if (lead == null || lead.mergedInto() != null) {
                    return false;
                }
                data.add(leadId, lead.accountId(), history.of(lead).activities(), lead.verdicts());
                return true;
            });
            leads += added.stream().filter(Boolean::booleanValue).count();
            cursor = page.next();
        } while (cursor != null);
        return leads;
    }
}
