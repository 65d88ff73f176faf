package io.leadscore.bench;

import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import io.leadscore.local.TableDef;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks a write call down into its items ({@link ItemWriteCost}) for the {@link Meter}'s {@link WriteBreakdown}:
 * each written item's image read before the call and after it (consistent reads, neither metered nor billed).
 * A failed conditional write is counted as if it wrote nothing new (its images are equal: 1 unit, no index).
 */
public final class ItemWrites {
    private final DynamoDbClient client;
    private final Map<String, ItemWriteCost> tables = new HashMap<>();

    /** Pending: one item of a write call, with its image before the call. */
    record Pending(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> before,
                   boolean transactional) {
    }

    public ItemWrites(LocalDynamoDb dynamoDb, SamTemplate template) {
        this.client = dynamoDb.client();
        for (TableDef table : template.tables()) {
            tables.put(dynamoDb.tableName(table.logicalId()), new ItemWriteCost(table));
        }
    }

    /** The items {@code request} writes, their images before it; empty for a call that writes nothing. */
    List<Pending> before(SdkRequest request) {
        List<Pending> items = new ArrayList<>();
        if (request instanceof PutItemRequest r) {
            add(items, r.tableName(), r.item(), true, false);
        } else if (request instanceof UpdateItemRequest r) {
            add(items, r.tableName(), r.key(), false, false);
        } else if (request instanceof DeleteItemRequest r) {
            add(items, r.tableName(), r.key(), false, false);
        } else if (request instanceof BatchWriteItemRequest r) {
            r.requestItems().forEach((table, writes) -> writes.forEach(write -> add(items, table,
                    write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key(),
                    write.putRequest() != null, false)));
        } else if (request instanceof TransactWriteItemsRequest r) {
            for (TransactWriteItem item : r.transactItems()) {
                if (item.put() != null) {
                    add(items, item.put().tableName(), item.put().item(), true, true);
                } else if (item.update() != null) {
                    add(items, item.update().tableName(), item.update().key(), false, true);
                } else if (item.delete() != null) {
                    add(items, item.delete().tableName(), item.delete().key(), false, true);
                }
            }
        }
        return items;
    }

    /** Each item's write, its image now read. */
    List<ItemWriteCost.Write> after(List<Pending> items) {
        return items.stream().map(item -> tables.get(item.table())
                .of(item.before(), image(item.table(), item.key()), item.transactional())).toList();
    }

    private void add(List<Pending> items, String table, Map<String, AttributeValue> itemOrKey, boolean wholeItem,
                     boolean transactional) {
        ItemWriteCost cost = tables.get(table);
        if (cost == null) {
            return; // a table outside the template (a scratch copy)
        }
        Map<String, AttributeValue> key = wholeItem ? cost.key(itemOrKey) : itemOrKey;
        items.add(new Pending(table, key, image(table, key), transactional));
    }

    private Map<String, AttributeValue> image(String table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> image = client.getItem(GetItemRequest.builder().tableName(table).key(key)
                .consistentRead(true).build()).item();
        return image == null || image.isEmpty() ? null : image;
    }
}
