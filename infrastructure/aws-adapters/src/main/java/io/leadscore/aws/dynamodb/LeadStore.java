package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadDecay;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.Scored;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Leads and their ledgers. Applying activities is one transaction per lead and chunk: the lead's new state,
 * guarded by its revision, and one ledger entry per activity, each guarded by "does not exist yet". So a
 * score is never half-applied, two writers never overwrite each other, and an activity whose ledger entry
 * exists is known to be applied already: a redelivered stream batch changes nothing twice.
 */
public final class LeadStore {
    /** DynamoDB's limit of items in one transaction: the lead, its ledger entries and outbox records. */
    static final int MAX_TRANSACTION_ITEMS = 100;
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    /** What applying a lead's activities did. */
    public record Applied(Lead lead, int applied, int alreadyApplied) {
    }

    public LeadStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public Optional<Lead> find(String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEAD_SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadTable.fromItem(item, Lead.class));
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
     * Applies one lead's activities in the given order, each exactly once, however often this is called
     * with the same activities and whoever else writes the lead meanwhile.
     */
    public Applied apply(String leadId, List<Activity> activities, LeadScorer scorer) {
        Lead lead = find(leadId).orElse(Lead.newLead(leadId));
        List<Activity> pending = new ArrayList<>(activities);
        int applied = 0;
        int alreadyApplied = 0;
        int attempts = 0;
        while (!pending.isEmpty()) {
            List<Scored> steps = new ArrayList<>();
            Lead next = lead;
            int items = 1;
            for (Activity activity : pending) {
                Scored step = scorer.apply(next, activity, clock.instant());
                items += 1 + step.crossings().size();
                if (items > MAX_TRANSACTION_ITEMS && !steps.isEmpty()) {
                    break;
                }
                steps.add(step);
                next = step.lead();
            }
            try {
                write(lead, next, steps);
                lead = next.withRevision(lead.revision() + 1);
                applied += steps.size();
                pending.subList(0, steps.size()).clear();
                attempts = 0;
            } catch (TransactionCanceledException conflict) {
                // Someone else wrote the lead, or some of these activities were applied before: learn which,
                // drop those, and recompute from the lead as it is now.
                if (++attempts >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                Set<String> done = alreadyApplied(leadId, steps);
                int before = pending.size();
                pending.removeIf(a -> done.contains(a.eventId()));
                alreadyApplied += before - pending.size();
                lead = find(leadId).orElse(Lead.newLead(leadId));
            }
        }
        return new Applied(lead, applied, alreadyApplied);
    }

    /**
     * Decays the lead and takes it cold as far as is due by {@code now}, in one conditional write; nothing when
     * nothing is due (another sweep got there first, or the index was behind).
     */
    public LeadDecay.Swept decay(String leadId, LeadDecay decay, Instant now) {
        for (int attempts = 1; ; attempts++) {
            Lead lead = find(leadId).orElse(null);
            if (lead == null) {
                return null;
            }
            LeadDecay.Swept swept = decay.sweep(lead, now);
            if (!swept.changed() && Objects.equals(swept.lead().nextDueAt(), lead.nextDueAt())) {
                return swept;
            }
            try {
                write(lead, swept.lead(), swept.entries(), swept.crossings());
                return swept;
            } catch (TransactionCanceledException conflict) {
                if (attempts >= MAX_ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }

    private void write(Lead before, Lead after, List<Scored> steps) {
        write(before, after, steps.stream().map(Scored::entry).toList(),
                steps.stream().flatMap(step -> step.crossings().stream()).toList());
    }

    /**
     * One transaction: the lead's new state, if its revision is still the one read; each ledger entry and
     * outbox record, if not there yet.
     */
    private void write(Lead before, Lead after, List<LedgerEntry> entries, List<Crossing> crossings) {
        List<TransactWriteItem> writes = new ArrayList<>(entries.size() + crossings.size() + 1);
        Map<String, AttributeValue> leadItem = item(after.withRevision(before.revision() + 1));
        Put.Builder putLead = Put.builder().tableName(table).item(leadItem);
        if (before.isNew()) {
            putLead.conditionExpression("attribute_not_exists(pk)");
        } else {
            putLead.conditionExpression("revision = :revision")
                    .expressionAttributeValues(Map.of(":revision", AttributeValues.of(before.revision())));
        }
        writes.add(TransactWriteItem.builder().put(putLead.build()).build());
        for (LedgerEntry entry : entries) {
            writes.add(putNew(LeadTable.item(LeadTable.leadPk(entry.leadId()), LeadTable.LEDGER_PREFIX + entry.key(),
                    LeadTable.LEDGER, entry)));
        }
        // A crossing is written with the score that caused it: one fact. The stream publishes it.
        crossings.forEach(crossing -> writes.add(putNew(Outbox.item(crossing, clock.instant()))));
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
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
        if (lead.nextDueAt() != null) {
            state.put(DueIndex.SHARD, DueIndex.shardOf(lead.id()));
            state.put(DueIndex.DUE_AT, DueIndex.format(lead.nextDueAt()));
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                LeadTable.item(LeadTable.leadPk(lead.id()), LeadTable.LEAD_SK, LeadTable.LEAD, lead));
        item.putAll(AttributeValues.item(state));
        return item;
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The event ids among these steps whose ledger entries exist, i.e. that were applied before. */
    private Set<String> alreadyApplied(String leadId, List<Scored> steps) {
        List<Map<String, AttributeValue>> keys = steps.stream()
                .map(s -> LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEDGER_PREFIX + s.entry().key()))
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
