package io.leadscore.scoring;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link ScoreStore} in memory with the guards the table enforces (revisions, "not stored yet"), for testing the
 * run's logic alone; the DynamoDB implementation is tested against DynamoDB Local. {@code beforeWrite} lets a test
 * play another writer between a run's read and its write.
 */
final class GuardedMemoryStore implements ScoreStore {
    final Map<String, Lead> leads = new HashMap<>();
    final Map<String, Account> accounts = new HashMap<>();
    /** Per account, its members' shares. */
    final Map<String, Map<String, Member>> members = new HashMap<>();
    final Map<String, Set<String>> ledgerKeys = new HashMap<>();
    final Map<String, List<LedgerEntry>> ledgers = new HashMap<>();
    /** The activities recorded per lead, as ingest stores them: a test records what it means to be there. */
    final Map<String, List<Activity>> recorded = new HashMap<>();
    int ledgerReads;
    final List<Crossing> outbox = new ArrayList<>();
    final List<ScoreTransaction> written = new ArrayList<>();
    int conflicts;
    Consumer<ScoreTransaction> beforeWrite = transaction -> { };

    @Override
    public Optional<Lead> lead(String leadId) {
        return Optional.ofNullable(leads.get(leadId));
    }

    @Override
    public Map<String, Lead> leads(Collection<String> leadIds) {
        Map<String, Lead> found = new HashMap<>();
        leadIds.stream().filter(leads::containsKey).forEach(id -> found.put(id, leads.get(id)));
        return found;
    }

    @Override
    public Optional<Account> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public Optional<Member> share(String accountId, String leadId) {
        return Optional.ofNullable(members.getOrDefault(accountId, Map.of()).get(leadId));
    }

    @Override
    public Map<String, Member> members(String accountId) {
        return Map.copyOf(members.getOrDefault(accountId, Map.of()));
    }

    @Override
    public Set<String> applied(String leadId, Collection<String> keys) {
        Set<String> stored = ledgerKeys.getOrDefault(leadId, Set.of());
        Set<String> applied = new HashSet<>();
        keys.stream().filter(stored::contains).forEach(key -> applied.add(LedgerEntry.eventIdOf(key)));
        return applied;
    }

    @Override
    public List<Activity> recorded(String leadId, boolean consistent) {
        return List.copyOf(recorded.getOrDefault(leadId, List.of()));
    }

    @Override
    public List<LedgerEntry> ledger(String leadId) {
        ledgerReads++;
        return ledgers.getOrDefault(leadId, List.of()).stream().sorted(Comparator.comparing(LedgerEntry::key)).toList();
    }

    /** Records activities, as ingest does before the stream hands them to scoring. */
    void record(List<Activity> activities) {
        activities.forEach(a -> recorded.computeIfAbsent(a.leadId(), id -> new ArrayList<>()).add(a));
    }

    @Override
    public void write(ScoreTransaction transaction) {
        Consumer<ScoreTransaction> hook = beforeWrite;
        beforeWrite = t -> { };
        hook.accept(transaction);
        boolean guardsHold = transaction.changes().stream().allMatch(c -> revision(leads.get(c.leadId())) == c.before().revision()
                && c.entries().stream().noneMatch(e -> ledgerKeys.getOrDefault(e.leadId(), Set.of()).contains(e.key())))
                && transaction.accounts().stream().allMatch(a -> revision(accounts.get(a.before().id())) == a.before().revision());
        if (!guardsHold) {
            conflicts++;
            throw new Conflict("a guard failed", null);
        }
        transaction.changes().forEach(c -> {
            leads.put(c.leadId(), c.written());
            c.entries().forEach(e -> {
                ledgerKeys.computeIfAbsent(e.leadId(), id -> new HashSet<>()).add(e.key());
                ledgers.computeIfAbsent(e.leadId(), id -> new ArrayList<>()).add(e);
            });
            outbox.addAll(c.crossings());
        });
        transaction.accounts().forEach(a -> {
            accounts.put(a.before().id(), a.written());
            Map<String, Member> shares = members.computeIfAbsent(a.before().id(), id -> new HashMap<>());
            a.shares().forEach(share -> {
                if (share.share() == null) {
                    shares.remove(share.leadId());
                } else {
                    shares.put(share.leadId(), share.share());
                }
            });
            outbox.addAll(a.crossings());
        });
        written.add(transaction);
    }

    private static long revision(Object stored) {
        return stored == null ? 0 : stored instanceof Lead lead ? lead.revision() : ((Account) stored).revision();
    }
}
