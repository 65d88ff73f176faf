package io.leadscore.report;

import java.util.Locale;

/**
 * A rep's reason for a rejection as the audit groups it: "No  budget " and "no budget" are one reason. Bounded, since
 * it becomes part of a counter's key.
 */
public final class RejectionReason {
    public static final String NONE = "(no reason given)";

    private RejectionReason() {
    }

    public static String normalised(String reason) {
        String text = reason == null ? "" : reason.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return NONE;
        }
        return text.length() <= CounterItem.MAX_MEMBER_LENGTH ? text
                : text.substring(0, CounterItem.MAX_MEMBER_LENGTH).strip();
    }
}
