package io.leadscore.bench;

import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.SamTemplate;
import io.leadscore.local.TableDef;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices a {@code TransactWriteItems} item by item, as DynamoDB bills it (each item's write, its indexes' included,
 * twice), because DynamoDB Local 3.1.0 cannot: it adds up a transaction's per-item capacities as a set per table
 * ({@code ConsumedCapacityUtils.mergeAllConsumedCapacities}), so items that consume the same units count once
 * (two items of 300 bytes are reported as 2 units, not 4: {@code ConsumedCapacityMeterTest}). Each written item is
 * replayed on a scratch copy of its table, created from the template's definition: its image before the
 * transaction put there unmetered, then its image after put (or deleted) with its consumed capacity asked, which
 * DynamoDB Local computes right for a single write (the larger of the two images, index entries moved or updated).
 * A condition check counts its item's strongly consistent read units, doubled, as write units, as DynamoDB Local
 * does for one. The replay's own calls are neither metered nor billed to the invocation's duration.
 */
public final class TransactionReplay {
    private static final String SCRATCH_SUFFIX = "-replay";

    private final DynamoDbClient client;
    private final Map<String, List<String>> keyNames = new HashMap<>();

    /** Creates the scratch copy of each of the template's tables in {@code dynamoDb}. */
    public TransactionReplay(LocalDynamoDb dynamoDb, SamTemplate template) {
        this.client = dynamoDb.client();
        for (TableDef table : template.tables()) {
            String name = dynamoDb.tableName(table.logicalId());
            try {
                client.deleteTable(request -> request.tableName(name + SCRATCH_SUFFIX));
            } catch (ResourceNotFoundException none) {
                // the first replay of this DynamoDB Local
            }
            client.createTable(table.toCreateTableRequest(name + SCRATCH_SUFFIX));
            keyNames.put(name, table.toCreateTableRequest(name).keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList());
        }
    }

    /** The images of the transaction's items before it runs (null for an item that does not exist). */
    List<Map<String, AttributeValue>> before(TransactWriteItemsRequest transaction) {
        return transaction.transactItems().stream().map(this::current).toList();
    }

    /** The write units the transaction consumed, its items' {@code before} images given. */
    double writeUnits(TransactWriteItemsRequest transaction, List<Map<String, AttributeValue>> before) {
        double units = 0;
        for (int i = 0; i < transaction.transactItems().size(); i++) {
            TransactWriteItem item = transaction.transactItems().get(i);
            String table = table(item);
            if (item.conditionCheck() != null) {
                units += capacity(client.getItem(GetItemRequest.builder().tableName(table).key(key(item))
                        .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build())
                        .consumedCapacity());
                continue;
            }
            String scratch = table + SCRATCH_SUFFIX;
            Map<String, AttributeValue> key = key(item);
            Map<String, AttributeValue> old = before.get(i);
            if (old == null) {
                client.deleteItem(DeleteItemRequest.builder().tableName(scratch).key(key).build());
            } else {
                client.putItem(PutItemRequest.builder().tableName(scratch).item(old).build());
            }
            Map<String, AttributeValue> now = current(item);
            units += now == null
                    ? capacity(client.deleteItem(DeleteItemRequest.builder().tableName(scratch).key(key)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()).consumedCapacity())
                    : capacity(client.putItem(PutItemRequest.builder().tableName(scratch).item(now)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()).consumedCapacity());
        }
        return 2 * units;
    }

    private Map<String, AttributeValue> current(TransactWriteItem item) {
        Map<String, AttributeValue> image = client.getItem(GetItemRequest.builder().tableName(table(item))
                .key(key(item)).consistentRead(true).build()).item();
        return image == null || image.isEmpty() ? null : image;
    }

    private static String table(TransactWriteItem item) {
        if (item.put() != null) {
            return item.put().tableName();
        } else if (item.update() != null) {
            return item.update().tableName();
        } else if (item.delete() != null) {
            return item.delete().tableName();
        }
        return item.conditionCheck().tableName();
    }

    private Map<String, AttributeValue> key(TransactWriteItem item) {
        if (item.update() != null) {
            return item.update().key();
        } else if (item.delete() != null) {
            return item.delete().key();
        } else if (item.conditionCheck() != null) {
            return item.conditionCheck().key();
        }
        Map<String, AttributeValue> key = new HashMap<>();
        for (String name : keyNames.getOrDefault(item.put().tableName(), List.of())) {
            key.put(name, item.put().item().get(name));
        }
        if (key.isEmpty()) {
            throw new IllegalStateException("no table " + item.put().tableName() + " in the template to replay on");
        }
        return key;
    }

    private static double capacity(ConsumedCapacity consumed) {
        return consumed == null || consumed.capacityUnits() == null ? 0 : consumed.capacityUnits();
    }
}
