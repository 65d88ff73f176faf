package io.leadscore.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token bucket on a fake clock: its sleeps move the clock, so the test measures the rate, not the machine. */
class RateLimitTest {
    /** A clock that only moves when the limit sleeps. */
    static final class FakeTicker implements RateLimit.Ticker {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    @Test
    void batchesOfFiveHundredAtAThousandASecondNeverRunAhead() throws Exception {
        FakeTicker clock = new FakeTicker();
        long start = clock.now;
        RateLimit limit = new RateLimit(1000, clock);
        long sent = 0;
        for (int batch = 0; batch < 100; batch++) {
            limit.acquire(500);
            double seconds = (clock.now - start) / 1e9;
            assertTrue(sent <= 1000 + 1000 * seconds, "sent " + sent + " events in " + seconds + " s");
            sent += 500;
        }
        // 50,000 events: the first second's worth at once, the other 49,000 at 1,000 a second.
        assertEquals(49.0, (clock.now - start) / 1e9, 1e-6);
    }

    @Test
    void theFirstSecondsWorthGoesAtOnce() throws Exception {
        FakeTicker clock = new FakeTicker();
        RateLimit limit = new RateLimit(1000, clock);

        limit.acquire(500);
        limit.acquire(500);

        assertEquals(List.of(), clock.sleeps);
    }

    @Test
    void aBatchLargerThanTheRateWaitsItsShare() throws Exception {
        FakeTicker clock = new FakeTicker();
        RateLimit limit = new RateLimit(10, clock);

        limit.acquire(500);
        limit.acquire(500);

        assertEquals(List.of(49_000_000_000L, 50_000_000_000L), clock.sleeps, "10 in hand, then 50 s a batch");
    }

    @Test
    void timeSpentElsewhereCountsTowardsTheRateButNoMoreThanASecondIsSaved() throws Exception {
        FakeTicker clock = new FakeTicker();
        RateLimit limit = new RateLimit(100, clock);
        limit.acquire(100);

        clock.now += 60_000_000_000L; // a minute answering other things: at most a second's worth is saved
        limit.acquire(100);
        limit.acquire(50);

        assertEquals(List.of(500_000_000L), clock.sleeps);
    }
}
