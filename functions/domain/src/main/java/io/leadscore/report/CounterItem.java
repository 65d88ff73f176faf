package io.leadscore.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One item of report counters: a family (what is counted), the day it is counted on (null for a family kept without
 * days, such as the leads per stage now) and a member (a rule id, a rejection reason, an account id; empty for none).
 * Its fields are the counters.
 */
public record CounterItem(String family, LocalDate day, String member) {
    /** Bounds a member, which becomes part of a key. */
    public static final int MAX_MEMBER_LENGTH = 100;

    public CounterItem {
        Objects.requireNonNull(family, "family");
        member = member == null ? "" : member;
        if (member.length() > MAX_MEMBER_LENGTH) {
            throw new IllegalArgumentException("a counter's member is at most " + MAX_MEMBER_LENGTH + " characters");
        }
    }

    public static CounterItem of(String family) {
        return new CounterItem(family, null, "");
    }

    public static CounterItem of(String family, LocalDate day) {
        return new CounterItem(family, day, "");
    }
}
