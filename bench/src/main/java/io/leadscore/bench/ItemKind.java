package io.leadscore.bench;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * The kind of an item of the single table, named from its keys' prefixes ({@code LEAD#/LEDGER#}, {@code ACT#/ACT#}):
 * each key value's leading name up to and including its first {@code #}, or the whole value where it is a constant
 * name ({@code LEAD}); a value that starts with an identifier or a date reads {@code *}. Generic, so a new kind of
 * item names itself.
 */
final class ItemKind {
    private ItemKind() {
    }

    /** The kind of the item with this key, its key attributes named in {@code keyNames} (hash key first). */
    static String of(Map<String, AttributeValue> key, List<String> keyNames) {
        StringBuilder kind = new StringBuilder();
        for (String name : keyNames) {
            AttributeValue value = key.get(name);
            if (!kind.isEmpty()) {
                kind.append('/');
            }
            kind.append(value == null || value.s() == null ? "*" : prefix(value.s()));
        }
        return kind.toString();
    }

    private static String prefix(String value) {
        int hash = value.indexOf('#');
        String name = hash >= 0 ? value.substring(0, hash) : value;
        return name.matches("[A-Z_]+") ? value.substring(0, hash + 1 > 0 ? hash + 1 : value.length()) : "*";
    }
}
