package io.leadscore.aws.dynamodb;

import io.leadscore.account.Account;
import io.leadscore.model.AccountPolicy;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts, each one item ({@code ACCOUNT#<id>}/{@code ACCOUNT}) holding its members' shares; it is written
 * only in the transactions that write its members (see {@link LeadStore}), guarded by its revision.
 */
public final class AccountStore {
    static final String PREFIX = "ACCOUNT#";
    static final String SK = "ACCOUNT";

    private final DynamoDbClient dynamo;
    private final String table;

    public AccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static String pk(String accountId) {
        return PREFIX + accountId;
    }

    public Optional<Account> find(String accountId) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(pk(accountId), SK)).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(LeadTable.fromItem(item, Account.class));
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
}
