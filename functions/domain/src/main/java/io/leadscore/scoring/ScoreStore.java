package io.leadscore.scoring;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link ScoringRun} needs of storage: consistent reads, and one write that is all or nothing and guarded, so
 * that the run, not the store, decides what scoring means. The DynamoDB table implements it in the adapters.
 */
public interface ScoreStore {

    /** The lead as last written. */
    Optional<Lead> lead(String leadId);

    /** The leads that exist among these, as last written. */
    Map<String, Lead> leads(Collection<String> leadIds);

    /** The account as last written; empty before its first member counts in it. */
    Optional<Account> account(String accountId);

    /** The lead's share in the account as last written; empty when it is not a member. */
    Optional<Member> share(String accountId, String leadId);

    /** Every member's share in the account, read consistently: what a recount of its tally reads. */
    Map<String, Member> members(String accountId);

    /**
     * The event ids of those of these ledger entries ({@link LedgerEntry#key() keys}) that the lead's ledger holds:
     * activities applied before.
     */
    Set<String> applied(String leadId, Collection<String> ledgerKeys);

    /**
     * Whether the activity is part of the state its lead starts from in this store, never to be applied on top: a
     * challenger's shadow leads start from their history before the challenge ({@code ShadowStore}), and a record of
     * such an activity that reaches the shadow run late must not count it twice. Live leads start from nothing.
     */
    default boolean seeded(Activity activity) {
        return false;
    }

    /**
     * The activities recorded for the lead (sent with its id), applied or not yet, in no particular order: what a
     * re-score replays ({@link AppliedHistory}).
     *
     * @param consistent false: a read at half the price that may miss the latest writes; what it returns is then
     *                   still a prefix of the order the activities were recorded in
     */
    List<Activity> recorded(String leadId, boolean consistent);

    /** The lead's whole ledger, oldest first, read consistently. */
    List<LedgerEntry> ledger(String leadId);

    /**
     * Writes the transaction whole or not at all: each lead and account only at the revision it was read at (absent
     * for revision 0), each ledger entry and announcement only if it is not stored yet, each member's share only over
     * one its lead wrote at an earlier revision.
     *
     * @throws Conflict when a guard failed, and nothing was written
     */
    void write(ScoreTransaction transaction);

    /** A guard of the write failed: someone else wrote first, or the activities were applied before. */
    final class Conflict extends RuntimeException {
        public Conflict(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
