package io.leadscore.activity;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a lead's history is kept: its activities and ledger entries expire this long after they happened (the
 * event's time, or for a ledger entry the time it is dated by), so that an activity and the entry of its application
 * go together, and the oldest history goes first whatever order it was written in. What expiry does to re-scores and
 * backtests is {@link io.leadscore.scoring.AppliedHistory}'s to tell.
 */
public record Retention(Duration keep) {
    /** The template's default (RetentionDays: 730): two years. */
    public static final Retention DEFAULT = ofDays(730);

    public Retention {
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("retention must be at least 1 day, not " + keep);
        }
    }

    public static Retention ofDays(int days) {
        return new Retention(Duration.ofDays(days));
    }

    /** When something that happened at {@code occurredAt} expires, in epoch seconds (DynamoDB's TTL format). */
    public long expiresAt(Instant occurredAt) {
        return occurredAt.plus(keep).getEpochSecond();
    }

    /**
     * Refuses a retention no longer than the oldest event ingest accepts: such an event would be recorded already
     * expired, and be gone before anything could replay it.
     */
    public Retention requireLongerThan(Duration maxEventAge) {
        if (keep.compareTo(maxEventAge) <= 0) {
            throw new IllegalArgumentException("retention (" + keep.toDays() + " days) must be longer than the oldest"
                    + " event accepted (" + maxEventAge.toDays() + " days)");
        }
        return this;
    }
}
