package io.leadscore.aws.lambda;

import io.leadscore.support.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format line per invocation: counts and latency become metrics without a
 * PutMetricData call on the hot path.
 */
public final class Metrics {
    private static final String NAMESPACE = "leadscore";

    private final String function;
    private final long startNanos = System.nanoTime();
    private final Map<String, Number> counts = new LinkedHashMap<>();
    /** Built but not written: counts of a rehearsal, which CloudWatch must not take for an invocation's. */
    private final boolean discarded;

    public Metrics(String function) {
        this(function, false);
    }

    private Metrics(String function, boolean discarded) {
        this.function = function;
        this.discarded = discarded;
    }

    /** Metrics whose line is built as an invocation's and written nowhere: for SnapStart's priming. */
    public static Metrics discarded(String function) {
        return new Metrics(function, true);
    }

    public Metrics count(String name, long value) {
        counts.merge(name, value, (a, b) -> a.longValue() + b.longValue());
        return this;
    }

    public void publish() {
        Map<String, Object> line = new LinkedHashMap<>();
        List<Map<String, String>> definitions = new java.util.ArrayList<>();
        counts.keySet().forEach(name -> definitions.add(Map.of("Name", name, "Unit", "Count")));
        definitions.add(Map.of("Name", "LatencyMs", "Unit", "Milliseconds"));
        line.put("_aws", Map.of("Timestamp", System.currentTimeMillis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE, "Dimensions", List.of(List.of("Function")), "Metrics", definitions))));
        line.put("Function", function);
        line.putAll(counts);
        line.put("LatencyMs", (System.nanoTime() - startNanos) / 1_000_000.0);
        String written = Json.write(line);
        if (!discarded) {
            System.out.println(written);
        }
    }
}
