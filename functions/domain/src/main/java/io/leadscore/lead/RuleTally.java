package io.leadscore.lead;

import java.time.Instant;

/** What one rule has contributed to a lead so far: the line of "why is this lead at 73?". */
public record RuleTally(ScoreKind kind, String group, int points, int hits, Instant lastAt) {

    /** Two tallies of one rule as one: a visitor's and the lead's it turned out to be. */
    RuleTally plus(RuleTally other) {
        return new RuleTally(kind, group, points + other.points, hits + other.hits,
                lastAt == null || other.lastAt != null && other.lastAt.isAfter(lastAt) ? other.lastAt : lastAt);
    }

    /** Points taken back (expired): the hits stay, they happened. */
    RuleTally less(int points) {
        return new RuleTally(kind, group, this.points - points, hits, lastAt);
    }

    RuleTally add(int morePoints, Instant at) {
        return new RuleTally(kind, group, points + morePoints, hits + 1,
                lastAt == null || at.isAfter(lastAt) ? at : lastAt);
    }
}
