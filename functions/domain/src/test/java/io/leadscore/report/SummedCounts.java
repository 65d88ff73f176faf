package io.leadscore.report;

import io.leadscore.lead.Lead;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counters a store would hold for these leads: what each counts for, summed, as the lead store adds them up. */
final class SummedCounts implements CountReader {
    private final Counts counts;

    SummedCounts(List<Lead> leads) {
        Counts.Builder sum = Counts.builder();
        leads.forEach(lead -> sum.add(LeadCounts.of(lead), 1));
        counts = sum.build();
    }

    @Override
    public Map<CounterItem, Map<String, Long>> days(String family, LocalDate from, LocalDate to) {
        throw new UnsupportedOperationException("the NPS is kept without days");
    }

    @Override
    public Map<CounterItem, Map<String, Long>> totals(String family) {
        Map<CounterItem, Map<String, Long>> items = new LinkedHashMap<>();
        counts.items().forEach((item, fields) -> {
            if (item.family().equals(family) && item.day() == null) {
                items.put(item, fields);
            }
        });
        return items;
    }
}
