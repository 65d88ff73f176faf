package io.leadscore.engagement;

import java.math.BigDecimal;

/**
 * Time on page: the whole seconds a visitor spent engaged with one page view, the page visible and the visitor active
 * (track.js stops counting after a spell without mouse, scroll, key or touch), sent as a {@code page_engaged} event
 * with the page's {@code url} and these {@code seconds} when the page is hidden or left. Rules score it like any
 * number: {@code seconds: { atLeast: 30 }}.
 */
public final class TimeOnPage {
    public static final String EVENT_TYPE = "page_engaged";
    public static final String SECONDS_PROPERTY = "seconds";
    /**
     * A day: track.js sends a page's time whenever the page is hidden, so a longer span of one page view is a broken
     * clock or a forged event, and a rule bound above it could never match.
     */
    public static final int MAX_SECONDS = 86_400;

    private TimeOnPage() {
    }

    /** What is wrong with engaged seconds sent as a number, or null when they are valid. */
    public static String problem(BigDecimal seconds) {
        if (seconds.signum() < 0) {
            return "must not be negative (engaged seconds), not " + seconds.toPlainString();
        }
        if (seconds.stripTrailingZeros().scale() > 0) {
            return "must be a whole number of seconds, not " + seconds.toPlainString();
        }
        if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            return "must be at most " + MAX_SECONDS + " (a day), not " + seconds.toPlainString();
        }
        return null;
    }
}
