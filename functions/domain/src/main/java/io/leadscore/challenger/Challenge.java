package io.leadscore.challenger;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored revision of a model scoring live events in shadow beside the published one (the champion), from
 * {@code startedAt} until it is stopped or promoted by the ordinary publish of its revision. One at a time per model.
 *
 * <p>Its shadow data are keyed by {@link #id()}, the revision and the second it started: challenging the same
 * revision again starts afresh, each lead from its history before the new start, rather than from leads that missed
 * the events in between. An ended challenge's data stay: its report still reads them over its period.
 *
 * @param endedAt  when it was stopped or promoted; null while it runs
 * @param promoted whether it ended because its revision was published
 */
public record Challenge(String modelId, int revision, Instant startedAt, String startedBy, Instant endedAt,
                        boolean promoted) {
    /** Who made a seed's moves to MQL ({@link #seed}): the scoring, before the challenge. */
    public static final String BEFORE = StageChange.SCORING + " before the challenge";

    public Challenge {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** The key of its shadow leads and counters: {@code <revision>@<epoch second it started>}. */
    public String id() {
        return revision + "@" + startedAt.getEpochSecond();
    }

    /**
     * Whether the activity was received before the challenge started (or when no time was recorded, as before
     * receipt times were): part of the history its shadow lead starts from, not one of the challenge's events.
     */
    public boolean predates(Activity activity) {
        return activity.receivedAt() == null || activity.receivedAt().isBefore(startedAt);
    }

    /**
     * A shadow lead's starting state from {@code replayed}, the challenger's replay of the lead's history before the
     * start: its moves to MQL marked as made {@link #BEFORE} the challenge, so that the episodes they began never
     * count as the challenge's MQLs ({@link ShadowCounts}), whatever happens to the lead later. Its verdicts are kept
     * as they are: a verdict repeated after the start is known by its id.
     */
    public Lead seed(Lead replayed) {
        return replayed.toBuilder().stageHistory(replayed.stageHistory().stream()
                .map(change -> change.to() == Stage.MQL && StageChange.SCORING.equals(change.who())
                        ? new StageChange(change.from(), change.to(), change.at(), BEFORE, change.why(),
                        change.feedbackId(), change.journey()) : change).toList()).build();
    }

    public boolean running() {
        return endedAt == null;
    }

    /** The challenge ended at {@code at}, by a stop or by the publish of its revision. */
    public Challenge ended(Instant at, boolean byPublish) {
        return new Challenge(modelId, revision, startedAt, startedBy, at, byPublish);
    }
}
