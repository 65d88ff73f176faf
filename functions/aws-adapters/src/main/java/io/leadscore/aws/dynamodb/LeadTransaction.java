package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.AccountScorer;
import io.leadscore.account.Member;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Scored;
import io.leadscore.model.AccountPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * One transaction of scoring: leads' changes (new state, ledger entries, crossings) and what they do to their
 * accounts, each account written once. {@link Writer} works out the accounts' side and writes it all or nothing.
 */
record LeadTransaction(List<LeadTransaction.Change> changes, List<LeadTransaction.AccountChange> accounts,
                       AccountPolicy policy) {

    int items() {
        return changes.stream().mapToInt(c -> 1 + c.entries().size() + c.crossings().size()).sum()
                + accounts.stream().mapToInt(a -> 1 + a.crossings().size()).sum();
    }

    /**
     * One lead's change in a transaction: its state before and after, the ledger entries and crossings, and how
     * many of its pending activities it applies (a merge's entry is not one).
     */
    record Change(Lead before, Lead after, List<LedgerEntry> entries, List<Crossing> crossings, int activities) {
        String leadId() {
            return before.id();
        }

        Change then(Scored step, boolean activity) {
            List<LedgerEntry> moreEntries = new ArrayList<>(entries);
            moreEntries.add(step.entry());
            List<Crossing> moreCrossings = new ArrayList<>(crossings);
            moreCrossings.addAll(step.crossings());
            return new Change(before, step.lead(), moreEntries, moreCrossings, activities + (activity ? 1 : 0));
        }

        /** The lead as it is once written. */
        Lead written() {
            return after.withRevision(before.revision() + 1);
        }
    }

    /** An account's change in a transaction, with the crossings it caused. */
    record AccountChange(Account before, Account after, List<Crossing> crossings) {
        Account written() {
            return after.withRevision(before.revision() + 1);
        }
    }

    /** Writers of one account collide by design; a short random pause lets them take turns. */
    static void backOff(int attempts) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << Math.min(attempts, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** Builds a transaction (the leads' changes and their accounts' side) and writes it. */
    static final class Writer {
        private final DynamoDbClient dynamo;
        private final String table;
        private final Clock clock;
        private final AccountStore accounts;
        private final Function<Lead, Map<String, AttributeValue>> leadItem;

        Writer(DynamoDbClient dynamo, String table, Clock clock, AccountStore accounts,
               Function<Lead, Map<String, AttributeValue>> leadItem) {
            this.dynamo = dynamo;
            this.table = table;
            this.clock = clock;
            this.accounts = accounts;
            this.leadItem = leadItem;
        }

        /**
         * The transaction of these leads' changes with their accounts' side; {@code known} caches the accounts read
         * so far (by id), and is filled with those read now.
         */
        LeadTransaction plan(Collection<Change> changes, AccountScorer scorer, Map<String, Account> known) {
            return new LeadTransaction(List.copyOf(changes), accountChanges(changes, scorer, known), scorer.policy());
        }

        /**
         * What the leads' changes do to their accounts: a lead that moved leaves its old account, and a lead's
         * share is set in its account when it differs from the share the account holds.
         */
        private List<AccountChange> accountChanges(Collection<Change> changes, AccountScorer scorer,
                                                   Map<String, Account> known) {
            Map<String, Account> before = new LinkedHashMap<>();
            Map<String, AccountScorer.Updated> after = new HashMap<>();
            Map<String, List<Crossing>> crossings = new HashMap<>();
            for (Change change : changes) {
                String from = change.before().accountId();
                String to = change.after().accountId();
                Member share = to == null ? null : Member.of(change.after(), scorer.policy());
                LedgerEntry last = change.entries().isEmpty() ? null : change.entries().get(change.entries().size() - 1);
                Instant at = last == null ? clock.instant() : last.occurredAt();
                for (String accountId : Arrays.asList(from != null && !from.equals(to) ? from : null, to)) {
                    if (accountId == null) {
                        continue;
                    }
                    Member newShare = accountId.equals(to) ? share : null;
                    Account current = after.containsKey(accountId) ? after.get(accountId).account()
                            : before.computeIfAbsent(accountId, id -> known.computeIfAbsent(id,
                            unknown -> accounts.find(unknown).orElse(Account.newAccount(unknown))));
                    if (!Objects.equals(newShare, current.members().get(change.leadId()))) {
                        AccountScorer.Updated updated = scorer.update(current, change.leadId(), newShare, at,
                                last == null ? null : last.eventId());
                        after.put(accountId, updated);
                        crossings.computeIfAbsent(accountId, id -> new ArrayList<>()).addAll(updated.crossings());
                    }
                }
            }
            return after.keySet().stream().map(id -> new AccountChange(before.get(id), after.get(id).account(),
                    crossings.get(id))).toList();
        }

        /**
         * One transaction: each lead's and account's new state, if its revision is still the one read; each ledger
         * entry and outbox record, if not there yet.
         */
        void write(LeadTransaction transaction) {
            List<TransactWriteItem> writes = new ArrayList<>(transaction.items());
            for (Change change : transaction.changes()) {
                writes.add(putGuarded(leadItem.apply(change.written()), change.before().revision()));
                for (LedgerEntry entry : change.entries()) {
                    writes.add(putNew(LeadTable.item(LeadTable.leadPk(entry.leadId()),
                            LeadTable.LEDGER_PREFIX + entry.key(), LeadTable.LEDGER, entry)));
                }
                // A crossing is written with the score that caused it: one fact. The stream publishes it.
                change.crossings().forEach(crossing -> writes.add(putNew(Outbox.item(crossing, clock.instant()))));
            }
            for (AccountChange change : transaction.accounts()) {
                writes.add(putGuarded(accounts.item(change.written(), transaction.policy()),
                        change.before().revision()));
                change.crossings().forEach(crossing -> writes.add(putNew(Outbox.item(crossing, clock.instant()))));
            }
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
        }

        /** A put of a new revision: only if the item is still at the revision read (or, for the first, absent). */
        private TransactWriteItem putGuarded(Map<String, AttributeValue> item, long revisionRead) {
            Put.Builder put = Put.builder().tableName(table).item(item);
            if (revisionRead == 0) {
                put.conditionExpression("attribute_not_exists(pk)");
            } else {
                put.conditionExpression("revision = :revision")
                        .expressionAttributeValues(Map.of(":revision", AttributeValues.of(revisionRead)));
            }
            return TransactWriteItem.builder().put(put.build()).build();
        }

        /** A put of something written once: a ledger entry, an announcement. */
        private TransactWriteItem putNew(Map<String, AttributeValue> item) {
            return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()).build();
        }
    }
}
