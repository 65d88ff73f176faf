package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.activity.Retention;
import io.leadscore.lead.Lead;
import io.leadscore.model.AccountPolicy;
import io.leadscore.privacy.Erasure;
import io.leadscore.report.Counts;
import io.leadscore.report.LeadCounts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Erases a person: everything the table holds under their lead id. In this order, so that a crash at any point leaves
 * an erasure that running again completes:
 * <ol>
 *   <li>the fence ({@link ErasedLeads}), for the lead and its merged visitors, so that nothing re-creates them;</li>
 *   <li>the lead's share in its account, the account re-aggregated from the members left (guarded by its revision, as
 *       the scoring transaction writes it), and the lead's id taken out of the account's announcements;</li>
 *   <li>the delivery records of the lead's announcements ({@code NOTIFY#<qualificationId>}) with any of them
 *       buffered in a destination's outage queue ({@code NOTIFYQ#<destinationId>}), then every item of
 *       each merged visitor's partition and of the lead's own (activities, ledger, announcements, rate counters),
 *       the lead's item last, in one transaction with its part of the report counters: the rank and due index
 *       entries go with it.</li>
 * </ol>
 */
public final class LeadErasure {
    /** Tries of a guarded write (the account's share, the lead's item) that a concurrent scorer may beat. */
    private static final int GUARDED_ATTEMPTS = 10;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final LeadStore leads;
    private final AccountStore accounts;
    private final Outbox outbox;
    private final ErasedLeads erased;
    private final CountStore counts;

    public LeadErasure(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.leads = new LeadStore(dynamo, table, clock, Retention.DEFAULT); // reads only
        this.accounts = new AccountStore(dynamo, table);
        this.outbox = new Outbox(dynamo, table);
        this.erased = new ErasedLeads(dynamo, table);
        this.counts = new CountStore(dynamo, table);
    }

    /**
     * Erases the lead, or answers empty when the table holds nothing of it and it was never erased: an id that was
     * erased before is answered with nothing removed.
     */
    public Optional<Erasure> erase(String leadId, AccountPolicy policy) {
        Optional<Lead> lead = leads.lead(leadId);
        List<Map<String, AttributeValue>> items = partition(LeadTable.leadPk(leadId));
        if (lead.isEmpty() && items.isEmpty() && !erased.isErased(leadId)) {
            return Optional.empty();
        }
        List<String> visitors = lead.map(Lead::mergedVisitors).orElse(List.of());
        erased.fence(leadId, clock.instant());
        visitors.forEach(visitor -> erased.fence(visitor, clock.instant()));
        String accountShare = lead.map(Lead::accountId).filter(account -> removeShare(account, leadId, policy))
                .orElse(null);
        Tally tally = new Tally(leadId);
        for (String visitor : visitors) {
            tally.delete(partition(LeadTable.leadPk(visitor)));
        }
        tally.delete(items);
        return Optional.of(new Erasure(leadId, tally.count(ActivityStore.PREFIX), tally.count(LeadTable.LEDGER_PREFIX),
                tally.count(Outbox.PREFIX), tally.deliveries, visitors, accountShare, tally.other));
    }

    /** Every item of a partition, its keys, and what counts it (a ledger item's entries, an announcement's id). */
    private List<Map<String, AttributeValue>> partition(String pk) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk").projectionExpression("pk, sk, qualificationId, entries")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))).build())
                .items().stream().toList();
    }

    /**
     * The qualification's notifications waiting in a destination's outage queue (each holds the event, profile and
     * all): a queue holds only what a destination down at the time could not take, so reading it whole is cheap.
     */
    private List<Map<String, AttributeValue>> buffered(String destinationId, String qualificationId) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk").filterExpression("qualificationId = :q")
                        .projectionExpression("pk, sk").expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(LeadTable.OUTAGE_QUEUE_PREFIX + destinationId),
                                ":q", AttributeValue.fromS(qualificationId))).build())
                .items().stream().toList();
    }

    /**
     * The items deleted, counted by the prefix of their sort key; an announcement's deliveries go before it, and the
     * erased lead's item goes last, with its part of the report counters.
     */
    private final class Tally {
        private final String leadId;
        private final Map<String, Integer> byPrefix = new HashMap<>();
        private int deliveries;
        private int other;

        Tally(String leadId) {
            this.leadId = leadId;
        }

        int count(String prefix) {
            return byPrefix.getOrDefault(prefix, 0);
        }

        void delete(List<Map<String, AttributeValue>> items) {
            List<Map<String, AttributeValue>> last = new ArrayList<>();
            List<Map<String, AttributeValue>> first = new ArrayList<>();
            for (Map<String, AttributeValue> item : items) {
                String sk = item.get(LeadTable.SK).s();
                Optional<String> prefix = List.of(ActivityStore.PREFIX, LeadTable.LEDGER_PREFIX, Outbox.PREFIX).stream()
                        .filter(sk::startsWith).findFirst();
                prefix.ifPresentOrElse(p -> byPrefix.merge(p, p.equals(LeadTable.LEDGER_PREFIX)
                        ? LedgerFolds.count(item) : 1, Integer::sum), () -> other++);
                if (sk.startsWith(Outbox.PREFIX) && item.containsKey("qualificationId")) {
                    String qualificationId = item.get("qualificationId").s();
                    List<Map<String, AttributeValue>> sent = partition(DeliveryLog.partition(qualificationId));
                    deliveries += sent.size();
                    for (Map<String, AttributeValue> delivery : sent) {
                        deleteAll(buffered(DeliveryLog.destination(delivery.get(LeadTable.SK).s()), qualificationId));
                    }
                    deleteAll(sent);
                }
                (sk.equals(LeadTable.LEAD_SK) ? last : first).add(item);
            }
            deleteAll(first);
            for (Map<String, AttributeValue> lead : last) {
                if (lead.get(LeadTable.PK).s().equals(LeadTable.leadPk(leadId))) {
                    deleteCounted(leadId);
                } else {
                    deleteAll(List.of(lead));
                }
            }
        }
    }

    /**
     * Deletes the lead's item and takes what it counts for out of the report counters, in one transaction guarded by
     * the revision read: an erasure run again finds no item and takes nothing twice.
     */
    private void deleteCounted(String leadId) {
        for (int attempt = 1; ; attempt++) {
            Optional<Lead> lead = leads.lead(leadId);
            if (lead.isEmpty()) {
                return;
            }
            List<TransactWriteItem> writes = new ArrayList<>(counts.updates(Counts.NONE.minus(LeadCounts.of(lead.get()))));
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(LeadTable.key(LeadTable.leadPk(leadId), LeadTable.LEAD_SK))
                    .conditionExpression("revision = :revision")
                    .expressionAttributeValues(Map.of(":revision", AttributeValues.of(lead.get().revision()))).build())
                    .build());
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
                return;
            } catch (TransactionCanceledException changed) {
                if (attempt == GUARDED_ATTEMPTS) {
                    throw changed;
                }
            }
        }
    }

    /** Deletes these items, 25 to a request (BatchWriteItem's limit), unprocessed ones again. */
    private void deleteAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(table, items.subList(from, Math.min(from + 25, items.size()))
                    .stream().map(item -> WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                            .key(LeadTable.key(item.get(LeadTable.PK).s(), item.get(LeadTable.SK).s())).build())
                            .build()).toList());
            while (!batch.isEmpty()) {
                batch = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(batch).build())
                        .unprocessedItems();
            }
        }
    }

    /**
     * Takes the lead's share out of its account: the share's item deleted in one transaction with the account's
     * tally moved by it, guarded by the account's revision as the scoring transaction writes it: a concurrent scorer
     * of another member makes the write fail, and it is tried again on the fresh account; its stage history forgets
     * the lead too. Then the account's announcements forget the lead.
     *
     * @return whether the account held a share of the lead
     */
    private boolean removeShare(String accountId, String leadId, AccountPolicy policy) {
        boolean removed = false;
        for (int attempt = 1; ; attempt++) {
            Optional<Account> account = accounts.find(accountId);
            Member share = account.isEmpty() ? null : accounts.share(accountId, leadId).orElse(null);
            if (account.isEmpty() || share == null && !account.get().mentions(leadId)) {
                break;
            }
            Account before = account.get();
            Account after = before.forgetting(leadId, share, clock.instant(), policy, () -> accounts.members(accountId))
                    .withRevision(before.revision() + 1);
            List<TransactWriteItem> writes = new ArrayList<>(List.of(TransactWriteItem.builder().put(Put.builder()
                    .tableName(table).item(accounts.item(after, policy)).conditionExpression("revision = :revision")
                    .expressionAttributeValues(Map.of(":revision", AttributeValues.of(before.revision()))).build())
                    .build()));
            if (share != null) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(LeadTable.key(AccountStore.pk(accountId), AccountStore.MEMBER_PREFIX + leadId)).build())
                        .build());
            }
            try {
                dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
                removed = share != null;
                break;
            } catch (TransactionCanceledException changed) {
                if (attempt == GUARDED_ATTEMPTS) {
                    throw changed;
                }
            }
        }
        outbox.forAccount(accountId).stream().filter(record -> mentions(record, leadId))
                .forEach(record -> forget(record, leadId));
        return removed;
    }

    private static boolean mentions(Outbox.Record record, String leadId) {
        return leadId.equals(record.leadId()) || topMembers(record.detail()).stream()
                .anyMatch(member -> leadId.equals(member.get("leadId")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> topMembers(Map<String, Object> detail) {
        return detail.get("committee") instanceof Map<?, ?> committee
                && committee.get("topMembers") instanceof List<?> members ? (List<Map<String, Object>>) members : List.of();
    }

    /**
     * The account's announcement without the lead: the member that crossed the line becomes unknown (null, as the
     * bus contract allows), and the lead leaves the committee's top members.
     */
    private void forget(Outbox.Record record, String leadId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":none", AttributeValue.fromNul(true)));
        String update = "SET leadId = :none, detail.leadId = :none";
        if (record.detail().get("committee") instanceof Map<?, ?>) {
            update += ", detail.committee.topMembers = :members";
            values.put(":members", AttributeValues.of(topMembers(record.detail()).stream()
                    .filter(member -> !leadId.equals(member.get("leadId"))).toList()));
        }
        dynamo.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(LeadTable.key(record.partition(), record.sortKey()))
                .updateExpression(update).expressionAttributeValues(values).build());
    }
}
