package io.leadscore.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A frequency cap: a rule scores at most {@code times} within a rolling {@code window} (null: ever),
 * counted separately for each value of {@code perField} when given (e.g. once per videoId).
 */
public record Cap(int times, Duration window, String perField) {

    public boolean allows(List<Instant> earlierHits, Instant at) {
        return countInWindow(earlierHits, at) < times;
    }

    /** The hits still worth remembering once {@code at} is recorded: at most {@code times}, all in the window. */
    public List<Instant> record(List<Instant> earlierHits, Instant at) {
        var hits = new java.util.ArrayList<Instant>();
        for (Instant hit : earlierHits) {
            if (inWindow(hit, at)) {
                hits.add(hit);
            }
        }
        hits.add(at);
        hits.sort(null);
        return List.copyOf(hits.subList(Math.max(0, hits.size() - times), hits.size()));
    }

    private long countInWindow(List<Instant> hits, Instant at) {
        return hits.stream().filter(hit -> inWindow(hit, at)).count();
    }

    private boolean inWindow(Instant hit, Instant at) {
        return window == null || Duration.between(hit, at).abs().compareTo(window) < 0;
    }

    public String describe() {
        String period = window == null ? "ever" : "per " + ModelLoader.periodName(window);
        return "at most " + times + (times == 1 ? " time " : " times ") + period
                + (perField == null ? "" : " for each " + perField);
    }
}
