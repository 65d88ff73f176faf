package io.leadscore.bench;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A meter's writes by function and kind of item: items, bytes, the table's units and each index's. */
public final class WriteBreakdown {
    private final Map<String, Map<String, Totals>> byFunction = new TreeMap<>();

    private static final class Totals {
        long items;
        long bytes;
        double tableUnits;
        final Map<String, Double> indexUnits = new TreeMap<>();
        final Map<String, Map<ItemWriteCost.Entry, Long>> indexEntries = new TreeMap<>();
    }

    synchronized void add(String functionId, ItemWriteCost.Write write) {
        Totals totals = byFunction.computeIfAbsent(functionId, f -> new TreeMap<>())
                .computeIfAbsent(write.kind(), k -> new Totals());
        totals.items++;
        totals.bytes += write.bytes();
        totals.tableUnits += write.tableUnits();
        write.indexUnits().forEach((index, units) -> totals.indexUnits.merge(index, units, Double::sum));
        write.indexEntries().forEach((index, entry) -> totals.indexEntries
                .computeIfAbsent(index, i -> new EnumMap<>(ItemWriteCost.Entry.class)).merge(entry, 1L, Long::sum));
    }

    /** How many of the function's writes of the item kind did {@code entry} to their entry in {@code index}. */
    synchronized long entries(String functionId, String kind, String index, ItemWriteCost.Entry entry) {
        Totals totals = byFunction.getOrDefault(functionId, Map.of()).get(kind);
        return totals == null ? 0 : totals.indexEntries.getOrDefault(index, Map.of()).getOrDefault(entry, 0L);
    }

    /**
     * A Markdown table: per function, kind and index, the entries written per event, by what became of them. An entry
     * rewritten in place is what an index projecting keys alone would save; a moved one it would not.
     */
    synchronized String entryTable(long events) {
        StringBuilder out = new StringBuilder("| Function | Item kind (pk/sk prefix) | Index | Entries moved per event "
                + "| Rewritten in place per event | Put or deleted per event |\n|---|---|---|---:|---:|---:|\n");
        byFunction.forEach((function, kinds) -> kinds.forEach((kind, t) -> t.indexEntries.forEach((index, counts) ->
                out.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %.3f | %.3f | %.3f |%n", function, kind,
                        index, counts.getOrDefault(ItemWriteCost.Entry.MOVED, 0L) / (double) events,
                        counts.getOrDefault(ItemWriteCost.Entry.REWRITTEN, 0L) / (double) events,
                        counts.getOrDefault(ItemWriteCost.Entry.PUT_OR_DELETED, 0L) / (double) events)))));
        return out.toString();
    }

    /** The function's write units for the item kind, its indexes' included. */
    synchronized double units(String functionId, String kind) {
        Totals totals = byFunction.getOrDefault(functionId, Map.of()).get(kind);
        return totals == null ? 0 : totals.tableUnits
                + totals.indexUnits.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A Markdown table: per function and kind, items, mean size and write units per event, and the indexes'. */
    synchronized String table(long events) {
        StringBuilder out = new StringBuilder("| Function | Item kind (pk/sk prefix) | Items per event | Mean size (bytes) "
                + "| Table write units per event | Index write units per event | Write units per event |\n"
                + "|---|---|---:|---:|---:|---|---:|\n");
        byFunction.forEach((function, kinds) -> kinds.forEach((kind, t) -> {
            double indexUnits = t.indexUnits.values().stream().mapToDouble(Double::doubleValue).sum();
            StringBuilder indexes = new StringBuilder();
            t.indexUnits.forEach((index, units) -> indexes.append(indexes.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.3f", index, units / events)));
            out.append(String.format(Locale.ROOT, "| %s | `%s` | %.3f | %.0f | %.3f | %s | %.3f |%n", function, kind,
                    t.items / (double) events, t.bytes / (double) t.items, t.tableUnits / events,
                    indexes.isEmpty() ? "-" : indexes, (t.tableUnits + indexUnits) / events));
        }));
        return out.toString();
    }
}
