package io.leadscore.jobs;

import io.leadscore.aws.dynamodb.JobSegment.LeadError;
import io.leadscore.aws.dynamodb.JobSegment.PageCounts;
import io.leadscore.scoring.ScoreStore;

import java.util.List;
import java.util.Map;

/** What a job does to each page of its segment's leads: re-score them, or replay them for a backtest. */
interface SegmentWork {

    /** Goes through these leads (ids from the lead index), each once; a lead that fails is counted, not retried. */
    PageCounts page(List<String> leadIds);

    /** What the segment keeps besides its counts (a backtest's partial report), or null. */
    Map<String, Object> state();

    /**
     * A lead's failure that is the lead's: its writes kept conflicting, or a stored item does not read as a lead or
     * an activity. Anything else (the table unreachable, the process dying) fails the invocation, which is retried
     * from the segment's cursor.
     */
    static boolean isTheLeads(RuntimeException failure) {
        return failure instanceof ScoreStore.Conflict || failure instanceof IllegalArgumentException;
    }

    static LeadError error(String leadId, RuntimeException failure) {
        return new LeadError(leadId, failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
