package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.account.AccountStage;
import io.leadscore.account.Member;
import io.leadscore.account.Tally;
import io.leadscore.report.AccountCounts;
import io.leadscore.model.AccountPolicy;
import io.leadscore.support.Json;

import com.fasterxml.jackson.core.type.TypeReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Accounts: each a summary item ({@code ACCOUNT#<id>}/{@code ACCOUNT}) holding its tally, stage and qualifications,
 * and beside it one item per member's share ({@code MEMBER#<leadId>}). Both are written only in the transactions
 * that write the members (see {@link LeadStore}), the summary guarded by its revision, a share by its lead's.
 */
public final class AccountStore {
    static final String PREFIX = "ACCOUNT#";
    static final String SK = "ACCOUNT";
    static final String MEMBER_PREFIX = "MEMBER#";
    /** The attribute of a share saying which revision of its lead wrote it. */
    static final String LEAD_REVISION = "leadRevision";
    /** Where accounts stored before shares were items of their own kept them, inside the summary. */
    private static final String OLD_MEMBERS = "members";
    private static final TypeReference<Map<String, Member>> MEMBERS = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;

    public AccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String pk(String accountId) {
        return PREFIX + accountId;
    }

    /**
     * The account as last written. One stored in the old form (its members inside) has its shares written out as
     * items first, each only where none is stored (a share a newer write put there stays), and comes without a
     * tally: the next write recounts it from those items and writes the summary in the new form.
     */
    public Optional<Account> find(String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(pk(accountId), SK)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (item.containsKey(OLD_MEMBERS)) {
            Json.mapper().convertValue(AttributeValues.value(item.get(OLD_MEMBERS)), MEMBERS)
                    .forEach((leadId, share) -> writeOutOldShare(accountId, leadId, share));
        }
        return Optional.of(LeadTable.fromItem(item, Account.class));
    }

    private void writeOutOldShare(String accountId, String leadId, Member share) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(memberItem(accountId, leadId, share, 0))
                    .conditionExpression("attribute_not_exists(pk)").build());
        } catch (ConditionalCheckFailedException written) {
            // written out before, or written since by its lead: either way newer than the old form's copy
        }
    }

    /** The lead's share in the account, read consistently. */
    public Optional<Member> share(String accountId, String leadId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(pk(accountId), MEMBER_PREFIX + leadId)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(LeadTable.fromItem(item, Member.class));
    }

    /** Every member's share, by lead id in order, read consistently a page (1 MB) at a time. */
    public Map<String, Member> members(String accountId) {
        Map<String, Member> members = new LinkedHashMap<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :member)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(accountId)),
                                ":member", AttributeValue.fromS(MEMBER_PREFIX)))
                        .consistentRead(true).build())
                .items().forEach(item -> members.put(item.get(LeadTable.SK).s().substring(MEMBER_PREFIX.length()),
                        LeadTable.fromItem(item, Member.class)));
        return members;
    }

    /**
     * Writes an account whose members' leads were imported ({@link LeadStore#importLeads}): its shares 25 to a request
     * on parallel threads, then its summary counted from them and what it counts for in the reports. For a data
     * set (a benchmark's, a migration's), never for scoring; the account must not be stored yet.
     */
    public void importAccount(String accountId, Map<String, Member> shares, AccountPolicy policy) {
        List<WriteRequest> puts = shares.entrySet().stream().map(share -> WriteRequest.builder().putRequest(
                PutRequest.builder().item(memberItem(accountId, share.getKey(), share.getValue(), 0)).build())
                .build()).toList();
        IntStream.range(0, (puts.size() + 24) / 25).parallel().forEach(n -> {
            Map<String, List<WriteRequest>> batch = Map.of(table, puts.subList(n * 25,
                    Math.min(n * 25 + 25, puts.size())));
            while (!batch.isEmpty()) {
                batch = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(batch).build())
                        .unprocessedItems();
            }
        });
        Tally tally = Tally.of(shares, policy);
        Account account = new Account(accountId, 1, tally, Map.of(), null,
                AccountStage.of(false, tally.memberStages()), List.of());
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(item(account, policy)).build());
        new CountStore(dynamo, table).add(AccountCounts.of(account));
    }

    /** An account as stored: its state, and the figures derived from it for reading and ranking. */
    Map<String, AttributeValue> item(Account account, AccountPolicy policy) {
        Account.Totals totals = account.totals(policy);
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("score", totals.score());
        derived.put("groups", totals.groups());
        derived.put("memberCount", totals.members());
        derived.put("engagedMembers", totals.engagedMembers());
        derived.put("roles", totals.roles());
        derived.putAll(RankIndex.ACCOUNTS.keys(account.id(), totals.score()));
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                LeadTable.item(pk(account.id()), SK, LeadTable.ACCOUNT, account));
        item.putAll(AttributeValues.item(derived));
        return item;
    }

    /**
     * The write of a member's share as its lead's revision {@code leadRevision} leaves it (null: the lead left): only
     * over a share an earlier revision wrote, so that a stale writer can never put an older share back.
     */
    TransactWriteItem shareWrite(String accountId, String leadId, Member share, long leadRevision) {
        String newer = "attribute_not_exists(pk) OR " + LEAD_REVISION + " < :revision";
        Map<String, AttributeValue> revision = Map.of(":revision", AttributeValues.of(leadRevision));
        return share == null
                ? TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(LeadTable.key(pk(accountId), MEMBER_PREFIX + leadId)).conditionExpression(newer)
                        .expressionAttributeValues(revision).build()).build()
                : TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(memberItem(accountId, leadId, share, leadRevision)).conditionExpression(newer)
                        .expressionAttributeValues(revision).build()).build();
    }

    private Map<String, AttributeValue> memberItem(String accountId, String leadId, Member share, long leadRevision) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                LeadTable.item(pk(accountId), MEMBER_PREFIX + leadId, LeadTable.ACCOUNT_MEMBER, share));
        item.put(LEAD_REVISION, AttributeValues.of(leadRevision));
        return item;
    }
}
