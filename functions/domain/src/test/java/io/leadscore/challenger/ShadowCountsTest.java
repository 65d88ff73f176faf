package io.leadscore.challenger;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.report.CounterItem;
import io.leadscore.report.Counts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A seeded shadow lead's episodes before the challenge never count; those it begins in the challenge do. */
class ShadowCountsTest {
    private static final Instant STARTED = Instant.parse("2026-11-22T09:00:00Z");
    private static final Challenge CHALLENGE = new Challenge("default", 2, STARTED, "ops", null, false);

    @Test
    void theSeedsEpisodeCountsNeitherAtItsFirstWriteNorWhenSalesDecideItLater() {
        Lead replayed = Lead.newLead("lead-42")
                .movedTo(new StageChange(Stage.LEAD, Stage.MQL, STARTED.minusSeconds(3600), StageChange.SCORING,
                        "reached salesReady (60) at 75 points", null))
                .movedTo(new StageChange(Stage.MQL, Stage.SQL, STARTED.minusSeconds(60), "sam", "fits", "crm-1"));
        Lead seed = CHALLENGE.seed(replayed);
        assertEquals(List.of(Challenge.BEFORE, "sam"), seed.stageHistory().stream().map(StageChange::who).toList());
        assertEquals(replayed.verdicts(), seed.verdicts(), "its verdicts, known by their ids after the start");

        Lead written = seed.withRevision(1);
        assertEquals(Counts.NONE, ShadowCounts.change(seed, written, CHALLENGE.id()));
        Lead won = written.movedTo(new StageChange(Stage.SQL, Stage.OPPORTUNITY, STARTED.plusSeconds(60), "sam",
                "deal", "crm-2")).withRevision(2);
        assertEquals(Counts.NONE, ShadowCounts.change(written, won, CHALLENGE.id()));
    }

    @Test
    void anEpisodeBegunInTheChallengeCountsOnItsDayEvenForAnEventThatHappenedBeforeTheStart() {
        Lead seed = CHALLENGE.seed(Lead.newLead("lead-77"));
        Instant backdated = STARTED.minusSeconds(600); // sent after the start, dated before it (a server's batch)
        Lead crossed = seed.movedTo(new StageChange(Stage.LEAD, Stage.MQL, backdated, StageChange.SCORING,
                "reached salesReady (60) at 75 points", null)).withRevision(1);

        Counts change = ShadowCounts.change(seed, crossed, CHALLENGE.id());

        CounterItem day = new CounterItem(ShadowCounts.FAMILY, LocalDate.parse("2026-11-22"), CHALLENGE.id());
        assertEquals(Map.of(day, Map.of(ShadowCounts.MQLS, 1L)), change.items());
    }

    @Test
    void anActivityIsTheSeedsWhenItWasReceivedBeforeTheStart() {
        assertTrue(CHALLENGE.predates(received(STARTED.minusMillis(1))));
        assertFalse(CHALLENGE.predates(received(STARTED)));
        assertTrue(CHALLENGE.predates(received(null)), "recorded before receipt times were: older than any challenge");
    }

    private static Activity received(Instant at) {
        return new Activity("evt-1", "page_view", "lead-42", STARTED.minusSeconds(3600), Map.of(), "acme-site", at);
    }
}
