package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.AccountScorer;
import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadDecay;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Scored;
import io.leadscore.model.AccountPolicy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Leads and their ledgers. Applying activities is one transaction per group of leads (the members of one
 * account in a batch) and chunk: each lead's new state, guarded by its revision, one ledger entry per activity,
 * each guarded by "does not exist yet", and their account once, guarded by its revision ({@link LeadTransaction}).
 * So a score is never half-applied, two writers never overwrite each other, and an activity whose ledger entry
 * exists is known to be applied already: a redelivered stream batch changes nothing twice.
 */
public final class LeadStore {
    /** DynamoDB's limit of items in one transaction: the lead, its ledger entries and outbox records. */
    static final int MAX_TRANSACTION_ITEMS = 100;
    /** Generous: the members of one account, written from several stream shards at once, take turns. */
    private static final int MAX_ATTEMPTS = 20;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final LeadTransaction.Writer transactions;

    /** What applying a lead's activities did. */
    public record Applied(Lead lead, int applied, int alreadyApplied) {
    }

    public LeadStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.transactions = new LeadTransaction.Writer(dynamo, table, clock, new AccountStore(dynamo, table),
                this::item);
    }

    public Optional<Lead> find(String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEAD_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadTable.fromItem(item, Lead.class));
    }

    /** The leads that exist among these, read consistently, 100 to a request. */
    public Map<String, Lead> findAll(Collection<String> leadIds) {
        Map<String, Lead> found = new HashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(leadIds));
        for (int from = 0; from < ids.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(ids.subList(from, Math.min(from + 100, ids.size())).stream()
                            .map(id -> LeadTable.key(LeadTable.leadPk(id), LeadTable.LEAD_SK)).toList()).build());
            while (!request.isEmpty()) {
                var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Lead lead = LeadTable.fromItem(item, Lead.class);
                    found.put(lead.id(), lead);
                });
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    /** The newest ledger entries first. */
    public List<LedgerEntry> recentLedger(String leadId, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                                ":ledger", AttributeValue.fromS(LeadTable.LEDGER_PREFIX)))
                        .scanIndexForward(false).limit(limit).build())
                .items().stream().map(item -> LeadTable.fromItem(item, LedgerEntry.class)).toList();
    }

    /**
     * A page of a lead's ledger, oldest first, and the {@link LedgerEntry#key() key} of its last entry when more
     * follow (null on the last page).
     */
    public record LedgerPage(List<LedgerEntry> entries, String nextAfter) {
    }

    /**
     * Up to {@code limit} ledger entries oldest first, starting after the entry whose {@link LedgerEntry#key()} is
     * {@code after} (null: from the first). One more entry than asked is read, so that the last page says so
     * instead of sending the reader for an empty one.
     */
    public LedgerPage ledger(String leadId, String after, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :ledger)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                        ":ledger", AttributeValue.fromS(LeadTable.LEDGER_PREFIX)))
                .scanIndexForward(true).limit(limit + 1);
        if (after != null) {
            query.exclusiveStartKey(LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEDGER_PREFIX + after));
        }
        List<LedgerEntry> entries = dynamo.query(query.build()).items().stream()
                .map(item -> LeadTable.fromItem(item, LedgerEntry.class)).toList();
        return entries.size() <= limit ? new LedgerPage(entries, null)
                : new LedgerPage(entries.subList(0, limit), entries.get(limit - 1).key());
    }

    /**
     * A batch's leads in groups that will likely share an account (judged from their stored profiles and the
     * activities' fields), so that each group is applied together and writes its account once per transaction.
     * A wrong guess costs a retry, never a wrong score: every write is guarded. The events of a visitor merged
     * into a lead go to that lead.
     */
    public List<Group> byAccount(Map<String, List<Activity>> activities, AccountPolicy policy) {
        Map<String, Lead> stored = findAll(activities.keySet());
        Map<String, List<Activity>> byLead = new LinkedHashMap<>();
        activities.forEach((leadId, list) -> {
            // A visitor already merged into its lead: its late events are the lead's.
            String owner = stored.containsKey(leadId) && stored.get(leadId).mergedInto() != null
                    ? stored.get(leadId).mergedInto() : leadId;
            byLead.computeIfAbsent(owner, o -> new ArrayList<>()).addAll(list);
        });
        Map<String, Map<String, List<Activity>>> groups = new LinkedHashMap<>();
        byLead.forEach((leadId, list) -> {
            Map<String, Object> profile = new HashMap<>(stored.getOrDefault(leadId, Lead.newLead(leadId)).profile());
            list.forEach(activity -> profile.putAll(activity.properties()));
            String group = policy.accountOf(profile).map(id -> AccountStore.pk(id)).orElse(LeadTable.leadPk(leadId));
            groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(leadId, list);
        });
        // What was read is handed on, so applying reads no lead twice; a lead the events were redirected to was
        // not read, and its group reads again.
        return groups.values().stream().map(group -> new Group(group, activities.keySet()
                .containsAll(group.keySet()) ? stored : null)).toList();
    }

    /**
     * Leads to apply together, with their stored state where it has been read already: {@code stored} holds every
     * one of them that exists (absent: a new lead), or is null when they are still to be read.
     */
    public record Group(Map<String, List<Activity>> activities, Map<String, Lead> stored) {
    }

    /** Applies one lead's activities: {@link #apply(Map, LeadScorer)} for a single lead. */
    public Applied apply(String leadId, List<Activity> activities, LeadScorer scorer) {
        return apply(Map.of(leadId, activities), scorer).get(0);
    }

    /**
     * Applies the activities of several leads (the members of one account that a stream batch holds, or a lead
     * alone), each lead's in the given order and each exactly once, however often this is called with the same
     * activities and whoever else writes these leads or their accounts meanwhile. Leads and the accounts they
     * count in are written together, one transaction per chunk of at most 100 items in which each account is
     * written once: an account follows its members without rereading them and is never half-updated.
     */
    public List<Applied> apply(Map<String, List<Activity>> activities, LeadScorer scorer) {
        return apply(new Group(activities, null), scorer);
    }

    /** Applies a group as {@link #byAccount} made it: see {@link #apply(Map, LeadScorer)}. */
    public List<Applied> apply(Group group, LeadScorer scorer) {
        Map<String, List<Activity>> activities = group.activities();
        AccountScorer accountScorer = new AccountScorer(scorer.model());
        Map<String, Lead> leads = new HashMap<>(group.stored() != null ? group.stored()
                : findAll(activities.keySet()));
        Map<String, List<Activity>> pending = new LinkedHashMap<>();
        activities.forEach((leadId, list) -> pending.put(leadId, new ArrayList<>(list)));
        // The visitors these events say their leads were: each is merged into its lead once, with the event.
        Set<String> visitorIds = new HashSet<>();
        activities.values().forEach(list -> list.forEach(a -> a.visitorId().ifPresent(visitorIds::add)));
        Map<String, Lead> visitors = new HashMap<>(findAll(visitorIds));
        Map<String, Integer> applied = new HashMap<>();
        Map<String, Integer> alreadyApplied = new HashMap<>();
        Map<String, Account> accounts = new HashMap<>();
        int attempts = 0;
        while (pending.values().stream().anyMatch(list -> !list.isEmpty())) {
            LeadTransaction chunk = chunk(pending, leads, visitors, scorer, accountScorer, accounts);
            try {
                transactions.write(chunk);
                chunk.changes().forEach(change -> {
                    (pending.containsKey(change.leadId()) ? leads : visitors).put(change.leadId(), change.written());
                    if (change.activities() > 0) {
                        pending.get(change.leadId()).subList(0, change.activities()).clear();
                        applied.merge(change.leadId(), change.activities(), Integer::sum);
                    }
                });
                chunk.accounts().forEach(change -> accounts.put(change.after().id(), change.written()));
                attempts = 0;
            } catch (TransactionCanceledException conflict) {
                // Someone else wrote a lead, a visitor or an account, or some activities were applied before:
                // learn which, drop those, and recompute from the leads and accounts as they are now.
                if (++attempts >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                for (LeadTransaction.Change change : chunk.changes()) {
                    if (pending.containsKey(change.leadId())) {
                        Set<String> done = alreadyApplied(change.leadId(), change.entries());
                        int before = pending.get(change.leadId()).size();
                        pending.get(change.leadId()).removeIf(a -> done.contains(a.eventId()));
                        alreadyApplied.merge(change.leadId(), before - pending.get(change.leadId()).size(),
                                Integer::sum);
                    }
                }
                leads.putAll(findAll(activities.keySet()));
                visitors.putAll(findAll(visitorIds));
                accounts.clear();
                LeadTransaction.backOff(attempts);
            }
        }
        return activities.keySet().stream().map(leadId -> new Applied(leads.get(leadId),
                applied.getOrDefault(leadId, 0), alreadyApplied.getOrDefault(leadId, 0))).toList();
    }

    /**
     * The next transaction's worth of steps, in order, lead after lead; the last steps are left for the next
     * chunk when the leads' items and their accounts' would not fit in one transaction. An event that names
     * the visitor its lead was first merges that visitor (a step of its own, retiring the visitor with it).
     */
    private LeadTransaction chunk(Map<String, List<Activity>> pending, Map<String, Lead> leads,
                                  Map<String, Lead> visitors, LeadScorer scorer, AccountScorer accountScorer,
                                  Map<String, Account> accounts) {
        /** A scored step of a lead: an activity's, or a merge's, which retires {@code visitor}. */
        record Step(String leadId, Scored scored, Lead visitor) {
        }
        List<Step> steps = new ArrayList<>();
        Set<String> merging = new HashSet<>();
        int leadItems = 0;
        fill:
        for (var entry : pending.entrySet()) {
            Lead next = leads.getOrDefault(entry.getKey(), Lead.newLead(entry.getKey()));
            boolean first = true;
            for (Activity activity : entry.getValue()) {
                List<Step> more = new ArrayList<>(2);
                Lead visitor = activity.visitorId().map(visitors::get).orElse(null);
                if (visitor != null && visitor.mergedInto() == null && merging.add(visitor.id())) {
                    Scored merge = scorer.merge(next, visitor, activity.occurredAt(), clock.instant());
                    more.add(new Step(entry.getKey(), merge, visitor));
                    next = merge.lead();
                }
                Scored step = scorer.apply(next, activity, clock.instant());
                more.add(new Step(entry.getKey(), step, null));
                leadItems += (first ? 1 : 0) + more.stream().mapToInt(m -> 1 + m.scored().crossings().size()
                        + (m.visitor() == null ? 0 : 1)).sum();
                if (leadItems > MAX_TRANSACTION_ITEMS && !steps.isEmpty()) {
                    break fill;
                }
                steps.addAll(more);
                next = step.lead();
                first = false;
            }
        }
        while (true) {
            Map<String, LeadTransaction.Change> changes = new LinkedHashMap<>();
            for (Step step : steps) {
                LeadTransaction.Change change = changes.computeIfAbsent(step.leadId(), id ->
                        new LeadTransaction.Change(leads.getOrDefault(id, Lead.newLead(id)), null, List.of(), List.of(),
                                0));
                changes.put(step.leadId(), change.then(step.scored(), step.visitor() == null));
                if (step.visitor() != null) {
                    changes.put(step.visitor().id(), new LeadTransaction.Change(step.visitor(),
                            step.visitor().retiredInto(step.leadId()), List.of(), List.of(), 0));
                }
            }
            LeadTransaction chunk = transactions.plan(changes.values(), accountScorer, accounts);
            // A merge goes with the activity that caused it: never the one without the other.
            if (chunk.items() <= MAX_TRANSACTION_ITEMS || steps.size() <= 2 && steps.get(0).visitor() != null
                    || steps.size() == 1) {
                return chunk;
            }
            steps.remove(steps.size() - 1);
            if (steps.get(steps.size() - 1).visitor() != null) {
                steps.remove(steps.size() - 1);
            }
        }
    }

    /**
     * Decays the lead and takes it cold as far as is due by {@code now}, in one conditional write with its
     * account's; nothing when nothing is due (another sweep got there first, or the index was behind).
     */
    public LeadDecay.Swept decay(String leadId, LeadDecay decay, Instant now) {
        AccountScorer accountScorer = new AccountScorer(decay.model());
        for (int attempts = 1; ; attempts++) {
            Lead lead = find(leadId).orElse(null);
            if (lead == null) {
                return null;
            }
            LeadDecay.Swept swept = decay.sweep(lead, now);
            if (!swept.changed() && Objects.equals(swept.lead().nextDueAt(), lead.nextDueAt())) {
                return swept;
            }
            LeadTransaction.Change change = new LeadTransaction.Change(lead, swept.lead(), swept.entries(),
                    swept.crossings(), 0);
            try {
                transactions.write(transactions.plan(List.of(change), accountScorer, new HashMap<>()));
                return swept;
            } catch (TransactionCanceledException conflict) {
                if (attempts >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                LeadTransaction.backOff(attempts);
            }
        }
    }

    /**
     * Writes leads as they are (one revision on), overwriting, 25 to a request: for importing scored leads (a
     * migration, a benchmark's data set), never for scoring, which goes through {@link #apply}.
     */
    public void importLeads(List<Lead> leads) {
        for (int from = 0; from < leads.size(); from += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(table, leads.subList(from, Math.min(from + 25, leads.size()))
                    .stream().map(lead -> WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(item(lead.withRevision(lead.revision() + 1))).build()).build()).toList());
            while (!batch.isEmpty()) {
                batch = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(batch).build())
                        .unprocessedItems();
            }
        }
    }

    /** A lead as stored: its state, the figures derived from it, and the due index's keys while anything is due. */
    Map<String, AttributeValue> item(Lead lead) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("score", lead.score());
        state.put("fit", lead.fit());
        state.put("engagement", lead.engagement());
        state.put("groups", lead.groups());
        state.put("updatedAt", clock.instant().toString());
        if (lead.mergedInto() == null) { // a merged visitor's points are its lead's now
            state.putAll(RankIndex.LEADS.keys(lead.id(), lead.score()));
        }
        if (lead.nextDueAt() != null) {
            state.put(DueIndex.SHARD, DueIndex.shardOf(lead.id()));
            state.put(DueIndex.DUE_AT, DueIndex.format(lead.nextDueAt()));
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                LeadTable.item(LeadTable.leadPk(lead.id()), LeadTable.LEAD_SK, LeadTable.LEAD, lead));
        item.putAll(AttributeValues.item(state));
        return item;
    }

    /** The event ids among these entries whose ledger entries exist, i.e. that were applied before. */
    private Set<String> alreadyApplied(String leadId, List<LedgerEntry> entries) {
        List<Map<String, AttributeValue>> keys = entries.stream()
                .map(entry -> LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEDGER_PREFIX + entry.key()))
                .toList();
        Set<String> existing = new HashSet<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .consistentRead(true).projectionExpression("sk").build());
        while (!request.isEmpty()) {
            var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
            response.responses().getOrDefault(table, List.of()).forEach(item -> existing.add(
                    LedgerEntry.eventIdOf(item.get(LeadTable.SK).s().substring(LeadTable.LEDGER_PREFIX.length()))));
            request = response.unprocessedKeys();
        }
        return existing;
    }

}
