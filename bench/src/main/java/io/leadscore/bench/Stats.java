package io.leadscore.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Order statistics of a few measurements. */
final class Stats {
    private Stats() {
    }

    static <T> double median(List<T> samples, ToDoubleFunction<T> value) {
        double[] sorted = sorted(samples, value);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static <T> double min(List<T> samples, ToDoubleFunction<T> value) {
        return sorted(samples, value)[0];
    }

    static <T> double max(List<T> samples, ToDoubleFunction<T> value) {
        double[] sorted = sorted(samples, value);
        return sorted[sorted.length - 1];
    }

    private static <T> double[] sorted(List<T> samples, ToDoubleFunction<T> value) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        return samples.stream().mapToDouble(value).sorted().toArray();
    }
}
