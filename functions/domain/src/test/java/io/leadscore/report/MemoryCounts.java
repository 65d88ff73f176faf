package io.leadscore.report;

import io.leadscore.lead.Lead;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Counters as a store would hold them for a set of leads: the sum of what each counts for. */
final class MemoryCounts implements CountReader {
    private final Counts counts;

    MemoryCounts(List<Lead> leads) {
        Counts.Builder sum = Counts.builder();
        leads.forEach(lead -> sum.add(LeadCounts.of(lead), 1));
        this.counts = sum.build();
    }

    @Override
    public Map<CounterItem, Map<String, Long>> days(String family, LocalDate from, LocalDate to) {
        return items(counts, item -> item.family().equals(family) && item.day() != null
                && !item.day().isBefore(from) && !item.day().isAfter(to));
    }

    @Override
    public Map<CounterItem, Map<String, Long>> totals(String family) {
        return items(counts, item -> item.family().equals(family) && item.day() == null);
    }

    private static Map<CounterItem, Map<String, Long>> items(Counts counts, Predicate<CounterItem> kept) {
        Map<CounterItem, Map<String, Long>> items = new LinkedHashMap<>();
        counts.items().forEach((item, fields) -> {
            if (kept.test(item)) {
                items.put(item, fields);
            }
        });
        return items;
    }
}
