package io.leadscore.notify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The log destination: readable, and without personal data but a masked email. */
class LogChannelTest {
    private static final Destination SALES = new Destination("sales", Destination.Type.LOG, null, List.of());

    @Test
    void namesTheLeadByIdAndMaskedEmail() {
        String text = LogChannel.text(new Notification(Samples.lead(), SALES, "https://crm.example/leads/lead-42"));

        assertEquals("lead lead-42 (d***@acme.example) reached salesReady: score 105 (threshold 100)."
                + " Why: Requested a demo (+20), Viewed the pricing page (+15), Decision-maker title (+5)."
                + " https://crm.example/leads/lead-42", text);
        for (String personal : List.of("Dana", "Diaz", "dana@", "VP Engineering")) {
            assertFalse(text.contains(personal), personal);
        }
    }

    @Test
    void saysWhichModelIsDueForReview() {
        assertEquals("Scoring model default (revision 3) is due for review: first published 2026-09-01,"
                + " review due 2026-10-31", LogChannel.text(new Notification(Samples.reviewDue(), SALES, null)));
    }

    @Test
    void masksEmails() {
        assertEquals("d***@acme.example", LogChannel.masked("dana@acme.example"));
        assertEquals("j***@example.de", LogChannel.masked("j@example.de"));
        assertEquals("***", LogChannel.masked("not-an-email"));
        assertEquals("***", LogChannel.masked("@acme.example"));
    }
}
