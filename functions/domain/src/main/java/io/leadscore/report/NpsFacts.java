package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.nps.NpsAnswer;

/**
 * A lead's latest NPS answer counts once: in {@code nps} (member "") and in {@code nps-accounts} under its account,
 * as {@code promoters}, {@code passives} or {@code detractors}. One item each, whatever the answer.
 */
public final class NpsFacts implements LeadFacts {
    public static final String OVERALL = "nps";
    public static final String ACCOUNTS = "nps-accounts";

    @Override
    public void count(Lead lead, Counts.Builder counts) {
        NpsAnswer answer = lead.nps();
        if (answer == null) {
            return;
        }
        String field = answer.category().counted();
        counts.add(CounterItem.of(OVERALL), field, 1);
        // An account id may be up to 128 characters, a counter's member 100: a longer one counts overall only.
        if (lead.accountId() != null && lead.accountId().length() <= CounterItem.MAX_MEMBER_LENGTH) {
            counts.add(new CounterItem(ACCOUNTS, null, lead.accountId()), field, 1);
        }
    }
}
