package io.leadscore.local;

import java.util.concurrent.TimeUnit;

/**
 * A poller's sleep that a write cuts short: {@link #ring()} wakes the sleeper, or, rung while it is awake, makes its
 * next sleep return at once, so a write made during a poll is never missed.
 */
final class Wakeup {
    private boolean rung; // guarded by this

    synchronized void ring() {
        rung = true;
        notifyAll();
    }

    /** Sleeps until rung or the timeout; true when rung (the ring is then used up). */
    synchronized boolean await(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (!rung) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        rung = false;
        return true;
    }
}
