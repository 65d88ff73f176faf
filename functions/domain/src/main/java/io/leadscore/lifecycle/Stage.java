package io.leadscore.lifecycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a lead is in the sales funnel: {@code lead}, {@code mql} once it reaches the sales-ready threshold, then what
 * sales says: {@code sql} (accepted) or {@code rejected}, {@code opportunity}, {@code won} or {@code lost}, and
 * {@code recycled} (back to nurture, until it qualifies again).
 */
public enum Stage {
    LEAD, MQL, SQL, REJECTED, OPPORTUNITY, WON, LOST, RECYCLED;

    /** Closed deals: only a recycle opens them again. */
    public boolean isClosed() {
        return this == WON || this == LOST;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Stage of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
