package io.leadscore.lead;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Points a lead earned from a rule with {@code expires:}, still to be taken back: what the sweep takes {@code at},
 * the grant's points as it counted them (a group cap's reduced points; negative ones too).
 *
 * @param event    the event that earned them: names the expiry's ledger entry, so two grants due at the same instant
 *                 (one of them a late event's) are taken in two entries, never one twice
 * @param earnedAt when the event happened
 * @param at       when they expire: {@code earnedAt} plus the rule's {@code expires}
 */
public record Expiring(String rule, String group, int points, String event, Instant earnedAt, Instant at) {

    /** What taking these points back moves the rule's tally by: never past zero, whatever the tally holds now. */
    int takenFrom(RuleTally tally) {
        int held = tally == null ? 0 : tally.points();
        return points > 0 ? Math.min(points, Math.max(0, held)) : Math.max(points, Math.min(0, held));
    }

    /** The ledger's note: {@code points from 2026-09-01 expired (expires: 90d)}. */
    String note() {
        Duration lived = Duration.between(earnedAt, at);
        String span = lived.toHours() % 24 == 0 ? lived.toDays() + "d" : lived.toHours() + "h";
        return "points from " + earnedOn() + " expired (expires: " + span + ")";
    }

    /** The note when the bound takes them back before their time. */
    String earlyNote() {
        return "points from " + earnedOn() + " expired early: a lead keeps at most " + Lead.MAX_EXPIRING
                + " grants to expire";
    }

    private LocalDate earnedOn() {
        return LocalDate.ofInstant(earnedAt, ZoneOffset.UTC);
    }
}
