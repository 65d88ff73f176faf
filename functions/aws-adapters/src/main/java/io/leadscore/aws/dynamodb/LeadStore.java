package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.report.Counts;
import io.leadscore.report.LeadCounts;
import io.leadscore.scoring.ScoreStore;
import io.leadscore.scoring.ScoreTransaction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Leads, their ledgers and the scoring transaction, in the table: each lead one item ({@code LEAD#<id>}/{@code LEAD}),
 * its ledger entries beside it. The scoring itself, and what makes it exactly-once, is the
 * {@link io.leadscore.scoring.ScoringRun}'s; this store reads, and writes a {@link ScoreTransaction} as DynamoDB's
 * {@code TransactWriteItems} with the guards it asks for.
 */
public final class LeadStore implements ScoreStore {
    /** Past every ledger item's sort key ('$' follows '#'). */
    private static final String LEDGER_END = "LEDGER$";
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final AccountStore accounts;
    private final CountStore counts;
    private final Retention retention;

    /** @param retention how long ledger entries are kept, from the time each is dated by */
    public LeadStore(DynamoDbClient dynamo, String table, Clock clock, Retention retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        this.accounts = new AccountStore(dynamo, table);
        this.counts = new CountStore(dynamo, table);
    }

    @Override
    public Optional<Lead> lead(String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEAD_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadItem.lead(item));
    }

    /** The leads that exist among these, read consistently. */
    @Override
    public Map<String, Lead> leads(Collection<String> leadIds) {
        Map<String, Lead> found = new HashMap<>();
        readAll(leadIds.stream().distinct().map(id -> LeadTable.key(LeadTable.leadPk(id), LeadTable.LEAD_SK)).toList(),
                null, item -> {
                    Lead lead = LeadItem.lead(item);
                    found.put(lead.id(), lead);
                });
        return found;
    }

    /** Reads these items consistently, 100 to a request (BatchGetItem's limit), unprocessed keys again. */
    private void readAll(List<Map<String, AttributeValue>> keys, String projection,
                         Consumer<Map<String, AttributeValue>> each) {
        for (int from = 0; from < keys.size(); from += 100) {
            KeysAndAttributes.Builder wanted = KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(from + 100, keys.size())));
            Map<String, KeysAndAttributes> request = Map.of(table, (projection == null ? wanted
                    : wanted.projectionExpression(projection)).build());
            while (!request.isEmpty()) {
                var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                response.responses().getOrDefault(table, List.of()).forEach(each);
                request = response.unprocessedKeys();
            }
        }
    }

    /**
     * The newest ledger entries first. Items are read newest first until the entries are known to be the newest: no
     * item after holds an entry later than its first entry's time and {@link LedgerFolds#SPAN}.
     */
    public List<LedgerEntry> recentLedger(String leadId, int limit) {
        List<LedgerEntry> read = new ArrayList<>();
        for (Map<String, AttributeValue> item : ledgerItems(leadId, LeadTable.LEDGER_PREFIX, LEDGER_END, false)) {
            read.addAll(LedgerFolds.entries(item));
            Instant settled = LedgerFolds.timeOf(LedgerFolds.firstKey(item)).plus(LedgerFolds.SPAN);
            if (read.stream().filter(entry -> entry.occurredAt().isAfter(settled)).count() >= limit) {
                break;
            }
        }
        return read.stream().sorted(Comparator.comparing(LedgerEntry::key).reversed()).limit(limit).toList();
    }

    /**
     * A page of a lead's ledger, oldest first, and the {@link LedgerEntry#key() key} of its last entry when more
     * follow (null on the last page).
     */
    public record LedgerPage(List<LedgerEntry> entries, String nextAfter) {
    }

    /**
     * Up to {@code limit} ledger entries oldest first, starting after the entry whose {@link LedgerEntry#key()} is
     * {@code after} (null: from the first). Items are read from the first that may hold an entry after it, until one
     * more entry than asked is known to come next (no item after holds an entry before its first entry's key), so
     * that the last page says so instead of sending the reader for an empty one.
     */
    public LedgerPage ledger(String leadId, String after, int limit) {
        String from = after == null ? LeadTable.LEDGER_PREFIX : LedgerFolds.lowestSortKeyFor(LedgerFolds.timeOf(after));
        List<LedgerEntry> read = new ArrayList<>();
        for (Map<String, AttributeValue> item : ledgerItems(leadId, from, LEDGER_END, true)) {
            LedgerFolds.entries(item).stream().filter(entry -> after == null || entry.key().compareTo(after) > 0)
                    .forEach(read::add);
            String next = LedgerFolds.firstKey(item);
            if (read.stream().filter(entry -> entry.key().compareTo(next) < 0).count() > limit) {
                break;
            }
        }
        List<LedgerEntry> entries = read.stream().sorted(Comparator.comparing(LedgerEntry::key)).toList();
        return entries.size() <= limit ? new LedgerPage(entries, null)
                : new LedgerPage(entries.subList(0, limit), entries.get(limit - 1).key());
    }

    /** The lead's ledger items with sort keys from {@code from} to {@code to}, read consistently, lazily. */
    private Iterable<Map<String, AttributeValue>> ledgerItems(String leadId, String from, String to, boolean forward) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                        ":from", AttributeValue.fromS(from), ":to", AttributeValue.fromS(to)))
                .scanIndexForward(forward).build()).items();
    }

    /** The lead's activities, one Query of its partition's {@code ACT#} items (a page per MB). */
    @Override
    public List<Activity> recorded(String leadId, boolean consistent) {
        return inPartition(leadId, ActivityStore.PREFIX, consistent, Activity.class);
    }

    @Override
    public List<LedgerEntry> ledger(String leadId) {
        List<LedgerEntry> entries = new ArrayList<>();
        ledgerItems(leadId, LeadTable.LEDGER_PREFIX, LEDGER_END, true)
                .forEach(item -> entries.addAll(LedgerFolds.entries(item)));
        entries.sort(Comparator.comparing(LedgerEntry::key));
        return entries;
    }

    private <T> List<T> inPartition(String leadId, String prefix, boolean consistent, Class<T> type) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                                ":prefix", AttributeValue.fromS(prefix)))
                        .consistentRead(consistent).build())
                .items().stream().map(item -> LeadTable.fromItem(item, type)).toList();
    }

    @Override
    public Optional<Account> account(String accountId) {
        return accounts.find(accountId);
    }

    @Override
    public Optional<Member> share(String accountId, String leadId) {
        return accounts.share(accountId, leadId);
    }

    @Override
    public Map<String, Member> members(String accountId) {
        return accounts.members(accountId);
    }

    /**
     * One transaction: each lead's and account's new state, if its revision is still the one read; each member's
     * share, over one an earlier revision of its lead wrote; each ledger entry and announcement, if not there yet; what the changes do to the report counters. A crossing is written
     * with the score that caused it: one fact, which the stream then publishes.
     */
    @Override
    public void write(ScoreTransaction transaction) {
        try {
            dynamo.transactWriteItems(request(transaction));
        } catch (TransactionCanceledException e) {
            throw new Conflict("a guard of the scoring transaction failed: " + e.cancellationReasons(), e);
        }
    }

    /** The transaction as the request {@link #write} sends: also what {@link ScoringRehearsal} builds and keeps. */
    TransactWriteItemsRequest request(ScoreTransaction transaction) {
        List<TransactWriteItem> writes = new ArrayList<>(transaction.items());
        for (ScoreTransaction.Change change : transaction.changes()) {
            writes.add(putGuarded(item(change.written()), change.before().revision()));
            change.entries().stream().collect(Collectors.groupingBy(LedgerEntry::leadId, LinkedHashMap::new,
                            Collectors.toList()))
                    .forEach((leadId, entries) -> LedgerFolds.items(leadId, entries, retention)
                            .forEach(item -> writes.add(putNew(item))));
            change.crossings().forEach(crossing -> writes.add(putNew(Outbox.item(crossing, clock.instant()))));
        }
        for (ScoreTransaction.AccountChange change : transaction.accounts()) {
            writes.add(putGuarded(accounts.item(change.written(), transaction.policy()), change.before().revision()));
            change.shares().forEach(share -> writes.add(accounts.shareWrite(change.before().id(), share.leadId(),
                    share.share(), share.leadRevision())));
            change.crossings().forEach(crossing -> writes.add(putNew(Outbox.item(crossing, clock.instant()))));
        }
        writes.addAll(counts.updates(transaction.counts()));
        return TransactWriteItemsRequest.builder().transactItems(writes).build();
    }

    /** A put of a new revision: only if the item is still at the revision read (or, for the first, absent). */
    private TransactWriteItem putGuarded(Map<String, AttributeValue> item, long revisionRead) {
        return putGuarded(table, item, revisionRead);
    }

    /** As {@link #putGuarded(Map, long)}, in {@code table}: the shadow leads' guard too ({@link ShadowStore}). */
    static TransactWriteItem putGuarded(String table, Map<String, AttributeValue> item, long revisionRead) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (revisionRead == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("revision = :revision")
                    .expressionAttributeValues(Map.of(":revision", AttributeValues.of(revisionRead)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** A put of something written once: a ledger item, an announcement. */
    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /**
     * Writes leads as they are (one revision on), overwriting, 25 to a request: for importing scored leads (a
     * migration, a benchmark's data set), never for scoring, which goes through {@link io.leadscore.scoring.ScoringRun}.
     * What they count for in the reports is added once they are all written ({@link CountStore#add}): the leads must
     * not be stored yet, since what an overwritten lead counted for is not taken off.
     */
    public void importLeads(List<Lead> leads) {
        Counts.Builder counted = Counts.builder();
        for (int from = 0; from < leads.size(); from += 25) {
            List<Lead> imported = leads.subList(from, Math.min(from + 25, leads.size())).stream()
                    .map(lead -> lead.withRevision(lead.revision() + 1)).toList();
            Map<String, List<WriteRequest>> batch = Map.of(table, imported.stream().map(lead -> WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(item(lead)).build()).build()).toList());
            while (!batch.isEmpty()) {
                batch = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(batch).build())
                        .unprocessedItems();
            }
            imported.forEach(lead -> counted.add(LeadCounts.of(lead), 1));
        }
        counts.add(counted.build());
    }

    /** A lead as stored ({@link LeadItem}), with the index keys: ranked unless merged, due while anything is due. */
    Map<String, AttributeValue> item(Lead lead) {
        Map<String, Object> indexKeys = new LinkedHashMap<>();
        if (lead.mergedInto() == null) { // a merged visitor's points are its lead's now
            indexKeys.putAll(RankIndex.LEADS.keys(lead.id(), lead.score()));
        }
        if (lead.nextDueAt() != null) {
            indexKeys.put(DueIndex.SHARD, DueIndex.shardOf(lead.id()));
            indexKeys.put(DueIndex.DUE_AT, DueIndex.format(lead.nextDueAt()));
        }
        return LeadItem.of(lead, clock.instant(), indexKeys);
    }

    /**
     * The event ids among these entries whose ledger entries exist, i.e. that were applied before: read from the
     * items that may hold them, those keyed from the earliest one's time less {@link LedgerFolds#SPAN} to the latest.
     */
    @Override
    public Set<String> applied(String leadId, Collection<String> ledgerKeys) {
        if (ledgerKeys.isEmpty()) {
            return Set.of();
        }
        Set<String> wanted = new HashSet<>(ledgerKeys);
        String first = Collections.min(wanted);
        Set<String> existing = new HashSet<>();
        ledgerItems(leadId, LedgerFolds.lowestSortKeyFor(LedgerFolds.timeOf(first)),
                LeadTable.LEDGER_PREFIX + Collections.max(wanted), true)
                .forEach(item -> LedgerFolds.entries(item).stream().filter(entry -> wanted.contains(entry.key()))
                        .forEach(entry -> existing.add(entry.eventId())));
        return existing;
    }
}
