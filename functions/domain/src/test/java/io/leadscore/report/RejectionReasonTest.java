package io.leadscore.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RejectionReasonTest {
    @Test
    void trimmedCollapsedLowerCasedAndBounded() {
        assertEquals("no budget", RejectionReason.normalised(" \tNo \n  BUDGET  "));
        assertEquals("(no reason given)", RejectionReason.normalised(null));
        assertEquals("(no reason given)", RejectionReason.normalised("   "));
        assertEquals("x".repeat(100), RejectionReason.normalised("X".repeat(150)));
        assertEquals("a".repeat(99), RejectionReason.normalised("a".repeat(99) + " b"));
    }
}
