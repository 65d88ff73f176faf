package io.leadscore.lead;

import java.time.Instant;

/** What one rule has contributed to a lead so far: the line of "why is this lead at 73?". */
public record RuleTally(ScoreKind kind, String group, int points, int hits, Instant lastAt) {

    RuleTally add(int morePoints, Instant at) {
        return new RuleTally(kind, group, points + morePoints, hits + 1,
                lastAt == null || at.isAfter(lastAt) ? at : lastAt);
    }
}
