package io.leadscore.report;

import io.leadscore.account.Account;

/**
 * What an account counts for in the reports: one in {@value #STAGES}, under its current stage, once stored. Like
 * {@link LeadCounts}, a function of the account's stored state only, so the counters are the sum over the accounts.
 */
public final class AccountCounts {
    /** Accounts per stage now ({@code account}, {@code mqa}, {@code sql}...): no day, no member. */
    public static final String STAGES = "account-stages";

    private AccountCounts() {
    }

    public static Counts of(Account account) {
        if (account == null || account.revision() == 0) {
            return Counts.NONE;
        }
        return Counts.builder().add(CounterItem.of(STAGES), account.stage().label(), 1).build();
    }

    /** What writing {@code after} over {@code before} changes in the counters. */
    public static Counts change(Account before, Account after) {
        return of(after).minus(of(before));
    }
}
