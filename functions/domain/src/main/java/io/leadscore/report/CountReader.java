package io.leadscore.report;

import java.time.LocalDate;
import java.util.Map;

/** The report counters as stored, each item's fields summed over the store's shards. */
public interface CountReader {
    /** The items of a family counted by day, for the days from {@code from} to {@code to}, both included. */
    Map<CounterItem, Map<String, Long>> days(String family, LocalDate from, LocalDate to);

    /** The items of a family kept without days, every member. */
    Map<CounterItem, Map<String, Long>> totals(String family);
}
