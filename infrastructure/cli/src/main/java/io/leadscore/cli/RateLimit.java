package io.leadscore.cli;

/**
 * A token bucket: at most {@code perSecond} events a second on average, with a second's worth in hand at the start.
 * A batch larger than what is in hand takes it on credit and waits until the bucket is back to empty, so batches of
 * any size keep the rate and the first batch goes at once.
 */
final class RateLimit {
    /** Time as the limit sees it: the JVM's monotonic clock, or a fake one in tests. */
    interface Ticker {
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };

        long nanos();

        void sleep(long nanos) throws InterruptedException;
    }

    private final double perSecond;
    private final Ticker ticker;
    private double tokens;
    private long last;

    RateLimit(double perSecond, Ticker ticker) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a rate must be above zero");
        }
        this.perSecond = perSecond;
        this.ticker = ticker;
        this.tokens = perSecond;
        this.last = ticker.nanos();
    }

    /** Takes {@code permits} tokens, waiting as long as the rate needs. */
    void acquire(int permits) throws InterruptedException {
        refill();
        tokens -= permits;
        if (tokens < 0) {
            ticker.sleep((long) Math.ceil(-tokens / perSecond * 1e9));
            refill();
        }
    }

    private void refill() {
        long now = ticker.nanos();
        tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
        last = now;
    }
}
