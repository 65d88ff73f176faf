package io.leadscore.scoring;

import io.leadscore.account.Account;
import io.leadscore.account.AccountScorer;
import io.leadscore.account.Member;
import io.leadscore.lead.ConversionLikelihood;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Scored;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.model.AccountPolicy;
import io.leadscore.prediction.RevisionLikelihood;
import io.leadscore.report.AccountCounts;
import io.leadscore.report.Counts;
import io.leadscore.report.LeadCounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One transaction of scoring: leads' changes (new state, ledger entries, crossings) and what they do to their
 * accounts, each account once. {@link ScoreStore#write} writes it all or nothing.
 */
public record ScoreTransaction(List<Change> changes, List<AccountChange> accounts, AccountPolicy policy,
                               Counts counts) {

    /**
     * The transaction with what it changes in the report counters, computed once here: the planner counts them among
     * its {@link #items()} and the store writes them, and each would otherwise evaluate every lead's facts again.
     */
    public ScoreTransaction(List<Change> changes, List<AccountChange> accounts, AccountPolicy policy) {
        this(changes, accounts, policy, countsOf(changes, accounts));
    }

    /**
     * The transaction with its accounts' crossings left out: an account the changes take over a line keeps its new
     * state silently, as its leads do when their own crossings are not announced.
     */
    ScoreTransaction unannounced() {
        return new ScoreTransaction(changes, accounts.stream().map(account -> new AccountChange(account.before(),
                account.after(), List.of(), account.shares())).toList(), policy);
    }

    /** The items it writes: each lead, ledger entry, account, member's share, announcement and item of report counters. */
    public int items() {
        return changes.stream().mapToInt(c -> 1 + c.entries().size() + c.crossings().size()).sum()
                + accounts.stream().mapToInt(a -> 1 + a.crossings().size() + a.shares().size()).sum()
                + counts().items().size();
    }

    /** What they change in the report counters: written with them, so they never disagree with the leads and accounts. */
    private static Counts countsOf(List<Change> changes, List<AccountChange> accounts) {
        Counts.Builder counts = Counts.builder();
        changes.forEach(change -> counts.add(LeadCounts.change(change.before(), change.written()), 1));
        accounts.forEach(change -> counts.add(AccountCounts.change(change.before(), change.written()), 1));
        return counts.build();
    }

    /**
     * One lead's change in a transaction: its state before and after, the ledger entries and crossings, and how
     * many of its pending activities it applies (a merge's entry is not one).
     */
    public record Change(Lead before, Lead after, List<LedgerEntry> entries, List<Crossing> crossings, int activities) {

        /** A lead about to change, nothing changed yet. */
        static Change of(Lead lead) {
            return new Change(lead, lead, List.of(), List.of(), 0);
        }

        public String leadId() {
            return before.id();
        }

        Change then(Scored step, boolean activity) {
            List<LedgerEntry> moreEntries = new ArrayList<>(entries);
            moreEntries.add(step.entry());
            List<Crossing> moreCrossings = new ArrayList<>(crossings);
            moreCrossings.addAll(step.crossings());
            return new Change(before, step.lead(), moreEntries, moreCrossings, activities + (activity ? 1 : 0));
        }

        /**
         * With the lead's likelihood as it will be stored (null: none), and given to its qualifications announced
         * here, so that sales read the same number on the lead and in the notification.
         */
        Change likely(ConversionLikelihood likelihood) {
            Double probability = likelihood == null ? null : likelihood.probability();
            return new Change(before, after.toBuilder().likelihood(likelihood).build(), entries, crossings.stream()
                    .map(crossing -> crossing.kind() == Crossing.Kind.QUALIFIED
                            ? crossing.withLikelihood(probability) : crossing).toList(), activities);
        }

        /** The lead as it is once written. */
        public Lead written() {
            return after.withRevision(before.revision() + 1);
        }
    }

    /** An account's change in a transaction, with the crossings it caused and the members' shares it moved. */
    public record AccountChange(Account before, Account after, List<Crossing> crossings, List<ShareChange> shares) {
        public Account written() {
            return after.withRevision(before.revision() + 1);
        }
    }

    /**
     * A member's share as its lead's change leaves it (null: the lead left the account), written by the lead at
     * {@code leadRevision}: a share is only ever replaced by a later revision's.
     */
    public record ShareChange(String leadId, long leadRevision, Member share) {
    }

    /** The lead's stage change in this transaction, the latest if several; null when its stage stayed. */
    private static StageChange stageMove(Change change) {
        List<StageChange> history = change.after().stageHistory();
        return change.after().stage() == change.before().stage() || history.isEmpty() ? null
                : history.get(history.size() - 1);
    }

    /**
     * The transaction of these leads' changes with their accounts' side: a lead that moved leaves its old account,
     * and a lead's share is set in its account when it differs from the share stored (or the account's tally was
     * counted under another policy). {@code known} caches accounts by id and is filled with those read now from
     * {@code store}; {@code now} dates an account change that no ledger entry dates, and is when each lead's
     * likelihood is read, its account's score as the transaction leaves it (nothing more is read for it).
     */
    static ScoreTransaction plan(Collection<Change> changes, AccountScorer scorer, RevisionLikelihood likelihood,
                                 Map<String, Account> known, ScoreStore store, Instant now) {
        Map<String, Account> before = new LinkedHashMap<>();
        Map<String, AccountScorer.Updated> after = new HashMap<>();
        Map<String, List<Crossing>> crossings = new HashMap<>();
        Map<String, Map<String, Optional<Member>>> planned = new HashMap<>(); // shares this transaction sets
        Map<String, List<ShareChange>> shares = new HashMap<>();
        for (Change change : changes) {
            String from = change.before().accountId();
            String to = change.after().accountId();
            Member share = to == null ? null : Member.of(change.after(), scorer.policy());
            LedgerEntry last = change.entries().isEmpty() ? null : change.entries().get(change.entries().size() - 1);
            Instant at = last == null ? now : last.occurredAt();
            for (String accountId : Arrays.asList(from != null && !from.equals(to) ? from : null, to)) {
                if (accountId == null) {
                    continue;
                }
                Member newShare = accountId.equals(to) ? share : null;
                Account current = after.containsKey(accountId) ? after.get(accountId).account()
                        : before.computeIfAbsent(accountId, id -> known.computeIfAbsent(id,
                                unknown -> store.account(unknown).orElse(Account.newAccount(unknown))));
                Map<String, Optional<Member>> set = planned.computeIfAbsent(accountId, id -> new HashMap<>());
                Member stored = set.containsKey(change.leadId()) ? set.get(change.leadId()).orElse(null)
                        : store.share(accountId, change.leadId()).orElse(null);
                if (Objects.equals(newShare, stored) && current.fits(scorer.policy())) {
                    continue;
                }
                AccountScorer.Updated updated = scorer.update(current, change.leadId(), stored, newShare, at,
                        last == null ? null : last.eventId(), stageMove(change), () -> {
                            Map<String, Member> members = new HashMap<>(store.members(accountId));
                            set.forEach((leadId, value) -> value.ifPresentOrElse(
                                    m -> members.put(leadId, m), () -> members.remove(leadId)));
                            return members;
                        });
                after.put(accountId, updated);
                crossings.computeIfAbsent(accountId, id -> new ArrayList<>()).addAll(updated.crossings());
                set.put(change.leadId(), Optional.ofNullable(newShare));
                shares.computeIfAbsent(accountId, id -> new ArrayList<>())
                        .add(new ShareChange(change.leadId(), change.written().revision(), newShare));
            }
        }
        List<AccountChange> accounts = after.keySet().stream().map(id -> new AccountChange(before.get(id),
                after.get(id).account(), crossings.get(id), shares.get(id))).toList();
        List<Change> likely = changes.stream().map(change -> {
            String accountId = change.after().accountId();
            Account account = accountId == null ? null
                    : after.containsKey(accountId) ? after.get(accountId).account() : before.get(accountId);
            int accountScore = account == null ? 0 : account.totals(scorer.policy()).score();
            return change.likely(likelihood.of(change.after(), accountScore, now));
        }).toList();
        return new ScoreTransaction(likely, accounts, scorer.policy());
    }
}
