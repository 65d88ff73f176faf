package io.leadscore.bench;

import io.leadscore.local.TableDef;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one item's write costs on a table of the template, by DynamoDB's rules, computed from the item's images
 * before and after: the table a unit per started KB of the larger image (at least 1), and each global secondary
 * index whose key the item has, before or after, a unit per started KB of its projection there (an entry put or
 * deleted once; an entry whose index key changed deleted and put, 2 writes; an entry whose projection did not change
 * nothing). A transaction's writes twice. DynamoDB Local reports the same for a single write, per index where asked
 * ({@code ItemWriteCostTest}), but merges a transaction's items ({@link TransactionReplay}), hence computed here.
 */
final class ItemWriteCost {
    private static final double KB = 1024;

    /**
     * One item's write: its kind, its billed size (the larger image), its units, the table's and each index's, and
     * what it did to each index's entry that it wrote.
     */
    record Write(String kind, long bytes, double tableUnits, Map<String, Double> indexUnits,
                 Map<String, Entry> indexEntries) {
        double units() {
            return tableUnits + indexUnits.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /**
     * What a write did to an item's entry in an index: put or deleted it; moved it (its index key changed: deleted and
     * put); or rewrote it in place (only projected attributes changed), which an index of keys alone would not.
     */
    enum Entry { PUT_OR_DELETED, MOVED, REWRITTEN }

    private final List<String> keyNames;
    private final Map<String, Index> indexes = new LinkedHashMap<>();

    private record Index(List<String> keys, Set<String> projected) {
    }

    ItemWriteCost(TableDef table) {
        this.keyNames = names(table.keySchema());
        for (GlobalSecondaryIndex index : table.globalSecondaryIndexes()) {
            List<String> keys = names(index.keySchema());
            Set<String> projected = null; // null: every attribute
            if (index.projection().projectionType() != ProjectionType.ALL) {
                projected = new TreeSet<>(keyNames);
                projected.addAll(keys);
                if (index.projection().projectionType() == ProjectionType.INCLUDE) {
                    projected.addAll(index.projection().nonKeyAttributes());
                }
            }
            indexes.put(index.indexName(), new Index(keys, projected));
        }
    }

    List<String> keyNames() {
        return keyNames;
    }

    /** The key of {@code item}. */
    Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new HashMap<>();
        keyNames.forEach(name -> key.put(name, item.get(name)));
        return key;
    }

    /** The write that turned {@code before} into {@code after} (either null where the item did not exist). */
    Write of(Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean transactional) {
        Map<String, AttributeValue> some = after != null ? after : before;
        long bytes = Math.max(size(before), size(after));
        double factor = transactional ? 2 : 1;
        Map<String, Double> indexUnits = new LinkedHashMap<>();
        Map<String, Entry> indexEntries = new LinkedHashMap<>();
        indexes.forEach((name, index) -> {
            Map<String, AttributeValue> old = entry(index, before);
            Map<String, AttributeValue> now = entry(index, after);
            Entry change = change(index, old, now);
            if (change != null) {
                indexEntries.put(name, change);
                indexUnits.put(name, factor * switch (change) {
                    case PUT_OR_DELETED -> units(old == null ? now : old);
                    case MOVED -> units(old) + units(now);
                    case REWRITTEN -> Math.max(units(old), units(now));
                });
            }
        });
        return new Write(ItemKind.of(key(some), keyNames), bytes, factor * Math.max(1, Math.ceil(bytes / KB)),
                indexUnits, indexEntries);
    }

    /** What became of the entry {@code old} (null: none), now {@code now}; null when the index is not written. */
    private static Entry change(Index index, Map<String, AttributeValue> old, Map<String, AttributeValue> now) {
        if (old == null || now == null) {
            return old == null && now == null ? null : Entry.PUT_OR_DELETED;
        }
        if (index.keys().stream().anyMatch(key -> !old.get(key).equals(now.get(key)))) {
            return Entry.MOVED;
        }
        return old.equals(now) ? null : Entry.REWRITTEN;
    }

    /** The item's entry in the index: its projected attributes, or null where it lacks an index key (sparse). */
    private static Map<String, AttributeValue> entry(Index index, Map<String, AttributeValue> item) {
        if (item == null || !item.keySet().containsAll(index.keys())) {
            return null;
        }
        if (index.projected() == null) {
            return item;
        }
        Map<String, AttributeValue> entry = new HashMap<>(item);
        entry.keySet().retainAll(index.projected());
        return entry;
    }

    private static double units(Map<String, AttributeValue> entry) {
        return Math.max(1, Math.ceil(ItemSize.bytes(entry) / KB));
    }

    private static long size(Map<String, AttributeValue> item) {
        return item == null ? 0 : ItemSize.bytes(item);
    }

    private static List<String> names(List<KeySchemaElement> schema) {
        return schema.stream().map(KeySchemaElement::attributeName).toList();
    }
}
