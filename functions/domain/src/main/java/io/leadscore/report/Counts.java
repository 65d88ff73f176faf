package io.leadscore.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Report counters, or a change to them: per item, per field, a number. The reports read counters kept at write time
 * instead of scanning leads: each write of a lead adds the difference between what the lead counts for after it and
 * before it ({@link LeadCounts}), in the same transaction, so the counters are always the sum over the leads stored.
 * Zeros are dropped: a change that moves nothing writes nothing.
 */
public final class Counts {
    public static final Counts NONE = new Counts(Map.of());

    private final Map<CounterItem, Map<String, Long>> items;

    private Counts(Map<CounterItem, Map<String, Long>> items) {
        this.items = items;
    }

    /** Per item, per field, the non-zero numbers. */
    public Map<CounterItem, Map<String, Long>> items() {
        return items;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The field of an item; 0 when not counted. */
    public long get(CounterItem item, String field) {
        return items.getOrDefault(item, Map.of()).getOrDefault(field, 0L);
    }

    public Counts plus(Counts other) {
        return builder().add(this, 1).add(other, 1).build();
    }

    public Counts minus(Counts other) {
        return builder().add(this, 1).add(other, -1).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Counts counts && counts.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds up counters; fields that come to zero disappear. */
    public static final class Builder {
        private final Map<CounterItem, Map<String, Long>> items = new LinkedHashMap<>();

        public Builder add(CounterItem item, String field, long amount) {
            if (amount != 0) {
                items.computeIfAbsent(item, i -> new TreeMap<>()).merge(field, amount, Long::sum);
            }
            return this;
        }

        public Builder add(Counts counts, long sign) {
            counts.items.forEach((item, fields) -> fields.forEach((field, n) -> add(item, field, sign * n)));
            return this;
        }

        public Counts build() {
            Map<CounterItem, Map<String, Long>> kept = new LinkedHashMap<>();
            items.forEach((item, fields) -> {
                Map<String, Long> nonZero = new TreeMap<>(fields);
                nonZero.values().removeIf(n -> n == 0);
                if (!nonZero.isEmpty()) {
                    kept.put(item, Collections.unmodifiableMap(nonZero));
                }
            });
            return kept.isEmpty() ? NONE : new Counts(Collections.unmodifiableMap(kept));
        }
    }
}
