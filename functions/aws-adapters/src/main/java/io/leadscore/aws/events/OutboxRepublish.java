package io.leadscore.aws.events;

import io.leadscore.aws.dynamodb.UnpublishedOutbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Publishes the outbox rows that the stream left unpublished for longer than a delay (their publish batch failed for
 * good, and its stream records expire), through the same {@link OutboxPublisher} as the stream. Each row is claimed
 * before it is published, so two runs, or a run and the admin route, publish it once; one the stream publishes
 * meanwhile is marked, and so not claimed. A row that fails again comes up again a delay later.
 */
public final class OutboxRepublish {
    /** Rows per index page: a PutEvents call or two. */
    static final int PAGE = 20;

    private final UnpublishedOutbox unpublished;
    private final OutboxPublisher publisher;
    private final Duration after;
    private final Clock clock;

    /** @param after how long a row may wait for the stream before it is taken from here */
    public OutboxRepublish(UnpublishedOutbox unpublished, OutboxPublisher publisher, Duration after, Clock clock) {
        this.unpublished = unpublished;
        this.publisher = publisher;
        this.after = after;
        this.clock = clock;
    }

    /** From its third attempt on, a row is one that fails repeatedly: an alarm shows it to a person. */
    static final int REPEATED = 3;

    /**
     * @param found    rows unpublished for longer than the delay; {@code taken} of them were claimed by another run
     * @param repeated rows taken for the third time or more (they failed each time before)
     */
    public record Outcome(int found, int republished, int failed, int taken, int repeated) {
    }

    /** Runs through the rows due, page by page, for as long as {@code more} says (the invocation's time left). */
    public Outcome run(BooleanSupplier more) {
        Instant now = clock.instant();
        int[] counts = new int[5];
        unpublished.forEachSince(now.minus(after), PAGE, more, rows -> {
            List<UnpublishedOutbox.Claim> claims = new ArrayList<>();
            rows.forEach(row -> unpublished.claim(row, now).ifPresent(claims::add));
            OutboxPublisher.Result result = publisher.publish(claims.stream().map(UnpublishedOutbox.Claim::record).toList());
            counts[0] += rows.size();
            counts[1] += result.published();
            counts[2] += result.failed().size();
            counts[3] += rows.size() - claims.size();
            counts[4] += (int) claims.stream().filter(claim -> claim.attempt() >= REPEATED).count();
        });
        return new Outcome(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }
}
