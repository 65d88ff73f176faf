package io.leadscore.aws.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The functions' clock. {@code CLOCK_START} (an ISO-8601 instant) starts it at another time, and
 * {@code CLOCK_SPEED} makes it run faster (1440: a day a minute): tests replay fixed sample events, and a
 * person can watch weeks of decay pass in the local runtime. Neither is set in AWS.
 */
public final class Clocks {
    public static final String CLOCK_START = "CLOCK_START";
    public static final String CLOCK_SPEED = "CLOCK_SPEED";

    private Clocks() {
    }

    public static Clock from(Environment env) {
        var start = env.get(CLOCK_START).map(Instant::parse);
        double speed = env.get(CLOCK_SPEED).map(Double::parseDouble).orElse(1.0);
        if (start.isEmpty() && speed == 1.0) {
            return Clock.systemUTC();
        }
        return new Scaled(start.orElseGet(Instant::now), Instant.now(), speed, ZoneOffset.UTC);
    }

    /** Time that began at {@code start} when the real clock read {@code origin}, and runs {@code speed} times faster. */
    private static final class Scaled extends Clock {
        private final Instant start;
        private final Instant origin;
        private final double speed;
        private final ZoneId zone;

        Scaled(Instant start, Instant origin, double speed, ZoneId zone) {
            this.start = start;
            this.origin = origin;
            this.speed = speed;
            this.zone = zone;
        }

        @Override
        public Instant instant() {
            long elapsed = Duration.between(origin, Instant.now()).toNanos();
            return start.plusNanos((long) (elapsed * speed));
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new Scaled(start, origin, speed, newZone);
        }
    }
}
