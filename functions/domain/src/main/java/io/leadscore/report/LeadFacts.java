package io.leadscore.report;

import io.leadscore.lead.Lead;

/**
 * What one lead counts for in one report, as a function of its stored state only: the counters are kept as the sum
 * of these over all leads, so the same lead must always count the same (no clock, no model read here).
 */
public interface LeadFacts {
    void count(Lead lead, Counts.Builder counts);
}
