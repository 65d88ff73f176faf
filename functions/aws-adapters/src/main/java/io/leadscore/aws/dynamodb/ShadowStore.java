package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.Member;
import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.challenger.Challenge;
import io.leadscore.challenger.ShadowCounts;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import io.leadscore.report.Counts;
import io.leadscore.scoring.ScoreStore;
import io.leadscore.scoring.ScoreTransaction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
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

/**
 * A challenger's leads, stored apart from the live ones, as a {@link ScoreStore}: the {@link io.leadscore.scoring.ScoringRun}
 * that scores live events applies them here exactly once, by the same guards (each shadow lead at the revision read,
 * each shadow ledger entry "not stored yet"), and nothing else.
 *
 * <p>Keys: in the lead's own partition (so erasing a lead erases its shadows), sort key
 * {@code SHADOW#<challenge id>} for the lead's state and {@code SHADOW#<challenge id>#LEDGER#<key>} for its ledger,
 * with kinds of their own, which no stream filter, scan or index of the live data takes. Bounded like the live items:
 * the state by the lead's own bounds, the ledger in folds of one write unit; both expire by the retention.
 *
 * <p>Seeded lazily. A lead without a shadow item yet starts where the challenger would have put it: the replay under
 * the challenger's model ({@link Rescorer}) of what the lead did before the challenge started, as of the start: the
 * activities recorded for it (and for the visitors it merged) that were received before the start
 * ({@link Challenge#predates}), applied live yet or not (the live stream may lag the start), and its verdicts dated
 * before it. A record of such an activity that reaches the shadow run is the seed's ({@link #seeded}), never applied
 * again; the seed's MQL episodes precede the challenge and are not counted ({@link Challenge#seed}). The seed is
 * written by the lead's first shadow transaction, guarded "absent" like a new lead. Cost: one read of the live lead
 * and one Query of its activities (and of each merged visitor's) for a lead's first event after the start, never
 * again once its shadow item exists; a batch that brings a lead only activities of its seed writes nothing, and the
 * lead's next batch reads again. Activities expired by the retention are not in the seed.
 *
 * <p>What it never writes: a live lead, ledger entry or account, an outbox row (the challenger's crossings are
 * counted, never announced), a live counter. Accounts are not scored in shadow: the challenger is judged on its
 * leads' MQLs, and a shadow account would double the writes for a figure the report does not show.
 */
public final class ShadowStore implements ScoreStore {
    public static final String SHADOW_LEAD = "shadowLead";
    public static final String SHADOW_LEDGER = "shadowLedger";
    static final String PREFIX = "SHADOW#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Retention retention;
    private final CountStore counts;
    private final LeadStore live;
    private final Challenge challenge;
    private final Rescorer challenger;
    private final String leadSk;
    private final String ledgerPrefix;

    /** The leads of {@code challenge}, whose revision's model is {@code model}: what a lead's seed is replayed under. */
    public ShadowStore(DynamoDbClient dynamo, String table, Clock clock, Retention retention, Challenge challenge,
                       ScoringModel model) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        this.counts = new CountStore(dynamo, table);
        this.live = new LeadStore(dynamo, table, clock, retention);
        this.challenge = challenge;
        this.challenger = new Rescorer(model);
        this.leadSk = PREFIX + challenge.id();
        this.ledgerPrefix = leadSk + "#";
    }

    /** The shadow lead, or its seed when it has none yet. */
    @Override
    public Optional<Lead> lead(String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(LeadTable.leadPk(leadId), leadSk)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? seed(live.lead(leadId).orElse(Lead.newLead(leadId)))
                : Optional.of(LeadItem.lead(item));
    }

    /** The shadow leads among these, and the seeds of those that have none yet. */
    @Override
    public Map<String, Lead> leads(Collection<String> leadIds) {
        Map<String, Lead> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = leadIds.stream().distinct()
                .map(id -> LeadTable.key(LeadTable.leadPk(id), leadSk)).toList();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(from + 100, keys.size()))).build());
            while (!request.isEmpty()) {
                var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Lead lead = LeadItem.lead(item);
                    found.put(lead.id(), lead);
                });
                request = response.unprocessedKeys();
            }
        }
        List<String> unseeded = leadIds.stream().distinct().filter(id -> !found.containsKey(id)).toList();
        if (!unseeded.isEmpty()) {
            Map<String, Lead> liveLeads = live.leads(unseeded);
            unseeded.forEach(id -> seed(liveLeads.getOrDefault(id, Lead.newLead(id))).ifPresent(seed ->
                    found.put(id, seed)));
        }
        return found;
    }

    /**
     * The state a lead without a shadow item starts from, at revision 0 (so written only if still absent): the
     * challenger's replay of its history before the start ({@code live}: its live item, or a new lead when it has
     * none yet). Empty when there is no such history: the lead starts from nothing.
     *
     * <p>The history is the lead's activities received before the start and those of the visitors they name, who
     * merged into the lead before the start (a visitor named after it merges in the shadow run, with its own seed).
     * A visitor merged live into a lead starts merged into it, so that its late events go to that lead, as live.
     */
    private Optional<Lead> seed(Lead lead) {
        if (lead.mergedInto() != null) {
            return Optional.of(Lead.newLead(lead.id()).retiredInto(lead.mergedInto()));
        }
        List<Activity> history = new ArrayList<>(before(lead.id()));
        history.stream().flatMap(activity -> activity.visitorId().stream()).distinct().toList()
                .forEach(visitor -> history.addAll(before(visitor)));
        List<Feedback> verdicts = lead.verdicts().stream()
                .filter(verdict -> verdict.at().isBefore(challenge.startedAt())).toList();
        return history.isEmpty() && verdicts.isEmpty() ? Optional.empty()
                : Optional.of(challenge.seed(challenger.replay(lead.id(), history, verdicts, challenge.startedAt())));
    }

    /** The activities recorded for the lead (or visitor) that were received before the start. */
    private List<Activity> before(String leadId) {
        return live.recorded(leadId, true).stream().filter(challenge::predates).toList();
    }

    /** Received before the challenge started: its seed's, whether the lead has been seeded with it yet or not. */
    @Override
    public boolean seeded(Activity activity) {
        return challenge.predates(activity);
    }

    @Override
    public Optional<Account> account(String accountId) {
        return Optional.empty();
    }

    @Override
    public Optional<Member> share(String accountId, String leadId) {
        return Optional.empty();
    }

    @Override
    public Map<String, Member> members(String accountId) {
        return Map.of();
    }

    /** As the live ledger's ({@link LeadStore#applied}), among the shadow ledger's items. */
    @Override
    public Set<String> applied(String leadId, Collection<String> ledgerKeys) {
        if (ledgerKeys.isEmpty()) {
            return Set.of();
        }
        Set<String> wanted = new HashSet<>(ledgerKeys);
        Set<String> existing = new HashSet<>();
        ledgerItems(leadId, ledgerPrefix + LedgerFolds.lowestSortKeyFor(LedgerFolds.timeOf(Collections.min(wanted))),
                ledgerPrefix + LeadTable.LEDGER_PREFIX + Collections.max(wanted),
                item -> LedgerFolds.entries(item).stream().filter(entry -> wanted.contains(entry.key()))
                        .forEach(entry -> existing.add(entry.eventId())));
        return existing;
    }

    /** The live activities: the challenger replays what was recorded, like the champion. */
    @Override
    public List<Activity> recorded(String leadId, boolean consistent) {
        return live.recorded(leadId, consistent);
    }

    @Override
    public List<LedgerEntry> ledger(String leadId) {
        List<LedgerEntry> entries = new ArrayList<>();
        ledgerItems(leadId, ledgerPrefix + LeadTable.LEDGER_PREFIX, ledgerPrefix + "LEDGER$",
                item -> entries.addAll(LedgerFolds.entries(item)));
        entries.sort(Comparator.comparing(LedgerEntry::key));
        return entries;
    }

    private void ledgerItems(String leadId, String from, String to, Consumer<Map<String, AttributeValue>> each) {
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LeadTable.leadPk(leadId)),
                        ":from", AttributeValue.fromS(from), ":to", AttributeValue.fromS(to)))
                .build()).items().forEach(each);
    }

    /**
     * The shadow leads (guarded by revision), their ledger folds (guarded "not stored yet") and the challenge's
     * counters; the transaction's crossings and accounts are left out.
     */
    @Override
    public void write(ScoreTransaction transaction) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Counts.Builder counted = Counts.builder();
        for (ScoreTransaction.Change change : transaction.changes()) {
            Lead written = change.written();
            writes.add(put(shadowLead(written), change.before().revision()));
            Map<String, List<LedgerEntry>> byLead = new LinkedHashMap<>();
            change.entries().forEach(entry -> byLead.computeIfAbsent(entry.leadId(), id -> new ArrayList<>()).add(entry));
            byLead.forEach((leadId, entries) -> LedgerFolds.items(leadId, entries, retention)
                    .forEach(item -> writes.add(put(shadowLedger(item), 0))));
            counted.add(ShadowCounts.change(change.before(), written, challenge.id()), 1);
        }
        writes.addAll(counts.updates(counted.build()));
        try {
            dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
        } catch (TransactionCanceledException e) {
            throw new Conflict("a guard of the shadow scoring transaction failed: " + e.cancellationReasons(), e);
        }
    }

    private Map<String, AttributeValue> shadowLead(Lead lead) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(LeadItem.of(lead, clock.instant(), Map.of()));
        item.put(LeadTable.SK, AttributeValue.fromS(leadSk));
        item.put(LeadTable.KIND, AttributeValue.fromS(SHADOW_LEAD));
        return LeadTable.expiring(item, retention, lead.lastActivityAt() == null ? clock.instant()
                : lead.lastActivityAt());
    }

    private Map<String, AttributeValue> shadowLedger(Map<String, AttributeValue> fold) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(fold);
        item.put(LeadTable.SK, AttributeValue.fromS(ledgerPrefix + fold.get(LeadTable.SK).s()));
        item.put(LeadTable.KIND, AttributeValue.fromS(SHADOW_LEDGER));
        return item;
    }

    /** A put only over the revision read; for revision 0 (a new lead, a ledger fold) only if absent. */
    private TransactWriteItem put(Map<String, AttributeValue> item, long revisionRead) {
        return LeadStore.putGuarded(table, item, revisionRead);
    }
}
