package io.leadscore.aws.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import io.leadscore.activity.Retention;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.support.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lead's ledger entries as items. The entries one transaction writes for a lead are folded into as few items as fit
 * {@value #MAX_BYTES} bytes each (a write unit; the entries of a scoring batch are most of a lead's writes), keyed
 * {@code LEDGER#<key of its first entry>}: the keys and what the entries share (model, time recorded, reason) written
 * once, each entry's fields under short names. An entry alone, and every entry written before folds existed, is an
 * item of its own in the entry's plain form ({@code LEDGER#<key>}); both forms read back to the same entries.
 *
 * <p>A fold spans at most {@link #SPAN} of event time, so an entry is found among the items keyed from its time less
 * the span up to its key: {@link LeadStore#applied}, the pages and the recent entries read no more than that, and a
 * fold, which expires with its newest entry, keeps none longer than the span beyond its retention.
 */
final class LedgerFolds {
    /** How far apart in event time a fold's entries may be. */
    static final Duration SPAN = Duration.ofHours(1);
    /** A fold's bound, in DynamoDB's item bytes: one write unit. */
    static final int MAX_BYTES = 1024;

    private static final String ENTRIES = "entries";
    private static final String SHARED = "shared";
    /** Entry fields (and a contribution's) by their stored names; a field not named here is stored as it is. */
    private static final Map<String, String> SHORT = Map.of("reason", "r", "eventId", "e", "eventType", "t",
            "occurredAt", "o", "recordedAt", "a", "contributions", "c", "change", "d", "scoreAfter", "s",
            "model", "m", "stage", "g");
    private static final Map<String, String> SHORT_CONTRIBUTION = Map.of("rule", "r", "kind", "k", "group", "g",
            "points", "p", "note", "n");
    /** What the entries of one batch usually have in common. */
    private static final List<String> SHAREABLE = List.of("model", "recordedAt", "reason");
    private static final Map<String, String> LONG = inverse(SHORT);
    private static final Map<String, String> LONG_CONTRIBUTION = inverse(SHORT_CONTRIBUTION);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private LedgerFolds() {
    }

    /** The items of one lead's entries written together: folds of neighbours in key order, each bounded. */
    static List<Map<String, AttributeValue>> items(String leadId, List<LedgerEntry> entries, Retention retention) {
        List<LedgerEntry> sorted = entries.stream().sorted(Comparator.comparing(LedgerEntry::key)).toList();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int from = 0;
        while (from < sorted.size()) {
            int to = from + 1;
            Map<String, AttributeValue> item = item(leadId, sorted.subList(from, to), retention);
            while (to < sorted.size() && !sorted.get(to).occurredAt()
                    .isAfter(sorted.get(from).occurredAt().plus(SPAN))) {
                Map<String, AttributeValue> larger = item(leadId, sorted.subList(from, to + 1), retention);
                if (AttributeValues.itemSize(larger) > MAX_BYTES) {
                    break;
                }
                item = larger;
                to++;
            }
            items.add(item);
            from = to;
        }
        return items;
    }

    private static Map<String, AttributeValue> item(String leadId, List<LedgerEntry> entries, Retention retention) {
        LedgerEntry first = entries.get(0);
        Instant newest = entries.stream().map(LedgerEntry::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
        String sk = LeadTable.LEDGER_PREFIX + first.key();
        if (entries.size() == 1) {
            return LeadTable.expiring(LeadTable.item(LeadTable.leadPk(leadId), sk, LeadTable.LEDGER, first),
                    retention, newest);
        }
        List<Map<String, Object>> fields = entries.stream().map(entry -> {
            Map<String, Object> values = Json.mapper().convertValue(entry, MAP);
            values.remove("leadId"); // the partition's
            return values;
        }).toList();
        Map<String, Object> shared = new LinkedHashMap<>();
        for (String name : SHAREABLE) {
            Object value = fields.get(0).get(name);
            if (value != null && fields.stream().allMatch(values -> Objects.equals(values.get(name), value))) {
                shared.put(SHORT.get(name), value);
            }
        }
        List<Map<String, Object>> stored = fields.stream().map(values -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            values.forEach((name, value) -> {
                if (!shared.containsKey(SHORT.get(name))) {
                    entry.put(SHORT.getOrDefault(name, name), name.equals("contributions")
                            ? renamed(value, SHORT_CONTRIBUTION) : value);
                }
            });
            return entry;
        }).toList();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(LeadTable.PK, LeadTable.leadPk(leadId));
        values.put(LeadTable.SK, sk);
        values.put(LeadTable.KIND, LeadTable.LEDGER);
        values.put(SHARED, shared);
        values.put(ENTRIES, stored);
        return LeadTable.expiring(AttributeValues.item(values), retention, newest);
    }

    /** The entries of a ledger item of either form, in key order. */
    static List<LedgerEntry> entries(Map<String, AttributeValue> item) {
        if (!item.containsKey(ENTRIES)) {
            return List.of(LeadTable.fromItem(item, LedgerEntry.class));
        }
        Map<String, Object> values = AttributeValues.values(item);
        String leadId = LeadTable.leadIdOf((String) values.get(LeadTable.PK));
        @SuppressWarnings("unchecked")
        Map<String, Object> shared = (Map<String, Object>) values.get(SHARED);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stored = (List<Map<String, Object>>) values.get(ENTRIES);
        return stored.stream().map(entry -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("leadId", leadId);
            shared.forEach((name, value) -> fields.put(LONG.getOrDefault(name, name), value));
            entry.forEach((name, value) -> {
                String field = LONG.getOrDefault(name, name);
                fields.put(field, field.equals("contributions") ? renamed(value, LONG_CONTRIBUTION) : value);
            });
            return LeadTable.fromValues(fields, LedgerEntry.class);
        }).toList();
    }

    /** How many entries an item holds, from its {@code entries} attribute (absent: an entry of its own). */
    static int count(Map<String, AttributeValue> item) {
        AttributeValue entries = item.get(ENTRIES);
        return entries == null ? 1 : entries.l().size();
    }

    /** The key of an item's first entry, which no entry of the items after it precedes. */
    static String firstKey(Map<String, AttributeValue> item) {
        return item.get(LeadTable.SK).s().substring(LeadTable.LEDGER_PREFIX.length());
    }

    /** The time of an entry's key. */
    static Instant timeOf(String key) {
        return Instant.parse(key.substring(0, key.indexOf('#')));
    }

    /** The lowest sort key of an item that may hold an entry dated {@code at}. */
    static String lowestSortKeyFor(Instant at) {
        return LeadTable.LEDGER_PREFIX + LedgerEntry.keyOf(at.minus(SPAN), "");
    }

    private static Object renamed(Object contributions, Map<String, String> names) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) contributions;
        return list.stream().map(contribution -> {
            Map<String, Object> named = new LinkedHashMap<>();
            contribution.forEach((name, value) -> named.put(names.getOrDefault(name, name), value));
            return named;
        }).toList();
    }

    private static Map<String, String> inverse(Map<String, String> names) {
        Map<String, String> inverse = new HashMap<>();
        names.forEach((name, stored) -> inverse.put(stored, name));
        return Map.copyOf(inverse);
    }
}
