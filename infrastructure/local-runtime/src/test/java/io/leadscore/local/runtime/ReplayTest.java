package io.leadscore.local.runtime;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault tests' oracle can fail: a lead that counted an event twice differs from the replay. */
class ReplayTest {

    @Test
    void aLeadThatCountedAnEventTwiceIsReportedAsDifferingFromTheReplay() throws Exception {
        try (FlakyWebhook salesTeam = FlakyWebhook.up(); Pipeline pipeline = Pipeline.start(salesTeam)) {
            pipeline.recordJourneys(List.of("tess"), 2);
            pipeline.settle();
            Replay replay = pipeline.replay();
            assertTrue(replay.reconcile(pipeline.leads()).mismatched().isEmpty());

            // The demo page (10 points, at most twice a day) was viewed once: a second count earns 10 more.
            Activity demoPage = replay.activities("tess").stream()
                    .filter(activity -> activity.eventId().equals("tess-10")).findFirst().orElseThrow();
            Lead countedTwice = replay.scorer().apply(replay.expected("tess"), demoPage, Instant.now()).lead();
            pipeline.leads().importLeads(List.of(countedTwice));

            Replay.Reconciliation reconciliation = replay.reconcile(pipeline.leads());
            assertEquals(1, reconciliation.mismatched().size(), reconciliation.summary());
            assertTrue(reconciliation.mismatched().get(0).startsWith("tess: stored score "));
        }
    }
}
