package io.leadscore.scoring;

import io.leadscore.activity.Activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Re-scores the activities of a stream batch that failed for good, from the table: the stream keeps records 24
 * hours, the activities stay. A failure record names a span of arrival times; every activity received in it (with a
 * margin, as stream times are rounded and recorded just after the activity's own time) is applied again through the
 * {@link ScoringRun}, whose ledger guard skips those already applied, so a redrive may run any number of times, and
 * beside the stream still delivering the same activities. Each lead's activities are applied in {@link #STREAM_ORDER}.
 */
public final class Redrive {
    /**
     * Stream arrival times are rounded down (to the second in AWS, to the minute by DynamoDB Local) and follow the
     * activity's receipt by a little: a minute either side takes in every activity of the batch.
     */
    public static final Duration MARGIN = Duration.ofMinutes(1);

    /**
     * The stream's order, as far as the table tells it: by receipt, and the events of one request (received at the
     * same instant) in time order, as clients send them; the order the request listed them in is not stored.
     */
    static final Comparator<Activity> STREAM_ORDER =
            Comparator.comparing(Activity::receivedAt).thenComparing(Activity::occurredAt);

    /** The activities of the table received in a span of time, whatever their lead. */
    public interface RecordedActivities {
        List<Activity> receivedBetween(Instant from, Instant to);
    }

    /** What a redrive did: the activities it found in the span, how many it applied now, and how many were before. */
    public record Outcome(int found, int applied, int alreadyApplied) {
        public Outcome plus(Outcome other) {
            return new Outcome(found + other.found, applied + other.applied, alreadyApplied + other.alreadyApplied);
        }
    }

    private final RecordedActivities activities;
    private final Supplier<ScoringRun> scoring;

    /** @param scoring a run under the revision published now, asked once per redrive */
    public Redrive(RecordedActivities activities, Supplier<ScoringRun> scoring) {
        this.activities = activities;
        this.scoring = scoring;
    }

    /**
     * Applies every activity received from {@code firstArrival} to {@code lastArrival} (each widened by the
     * {@link #MARGIN}), each lead's in the order received, as the stream would have.
     *
     * @throws RuntimeException when a group of leads could not be written: the redrive is to be tried again
     */
    public Outcome rescore(Instant firstArrival, Instant lastArrival) {
        if (lastArrival.isBefore(firstArrival)) {
            throw new IllegalArgumentException("the span ends (" + lastArrival + ") before it starts (" + firstArrival + ")");
        }
        List<Activity> found = activities.receivedBetween(firstArrival.minus(MARGIN), lastArrival.plus(MARGIN));
        Map<String, List<Activity>> byLead = new LinkedHashMap<>();
        found.stream().sorted(STREAM_ORDER)
                .forEach(activity -> byLead.computeIfAbsent(activity.leadId(), id -> new ArrayList<>()).add(activity));
        if (byLead.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        ScoringRun run = scoring.get();
        int applied = 0;
        int alreadyApplied = 0;
        for (ScoringRun.Group group : run.groups(byLead)) {
            for (ScoringRun.Applied lead : run.apply(group)) {
                applied += lead.applied();
                alreadyApplied += lead.alreadyApplied();
            }
        }
        return new Outcome(found.size(), applied, alreadyApplied);
    }
}
