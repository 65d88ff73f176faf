package io.leadscore.aws.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The functions' clock. {@code CLOCK_START} (an ISO-8601 instant) starts it at another time and lets it tick
 * from there: tests replay fixed sample events, and a person can watch time pass in the local runtime.
 */
public final class Clocks {
    public static final String CLOCK_START = "CLOCK_START";

    private Clocks() {
    }

    public static Clock from(Environment env) {
        return env.get(CLOCK_START)
                .map(start -> Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(start))))
                .orElse(Clock.systemUTC());
    }
}
