package io.leadscore.revision;

import io.leadscore.model.ModelException;
import io.leadscore.model.ModelLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.leadscore.revision.ModelRevisionTest.defaultYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Review reminders: 60 days after the first publish, then every 90, on dates a late review does not move. */
class ReviewScheduleTest {
    static final Instant LAUNCH = Instant.parse("2026-01-10T12:00:00Z");
    static final Duration DAY = Duration.ofDays(1);
    static final ReviewSchedule SCHEDULE = ReviewSchedule.DEFAULT;

    private static Instant day(int n) {
        return LAUNCH.plus(DAY.multipliedBy(n));
    }

    @Test
    void theFirstReviewIsSixtyDaysAfterLaunchThenEveryNinety() {
        assertEquals(day(60), SCHEDULE.nextDue(LAUNCH, LAUNCH));
        assertEquals(day(60), SCHEDULE.nextDue(LAUNCH, day(59)));
        assertEquals(day(150), SCHEDULE.nextDue(LAUNCH, day(60)), "on the day it is due, the next is the one after");
        assertEquals(day(240), SCHEDULE.nextDue(LAUNCH, day(200)));
        assertEquals(day(60 + 90 * 40), SCHEDULE.nextDue(LAUNCH, day(60 + 90 * 40 - 1)), "ten years on, the same rhythm");
    }

    @Test
    void theLatestDueDateIsWhatTheScheduledRunAnnouncesOnceEach() {
        assertEquals(Optional.empty(), SCHEDULE.lastDue(LAUNCH, day(59)));
        assertEquals(Optional.of(day(60)), SCHEDULE.lastDue(LAUNCH, day(60)));
        assertEquals(Optional.of(day(60)), SCHEDULE.lastDue(LAUNCH, day(149)), "the same date however often it runs");
        assertEquals(Optional.of(day(150)), SCHEDULE.lastDue(LAUNCH, day(150)));
    }

    @Test
    void overdueWhenADueDateHasPassedWithNothingPublishedSince() {
        assertFalse(SCHEDULE.overdue(LAUNCH, LAUNCH, day(59)));
        assertTrue(SCHEDULE.overdue(LAUNCH, LAUNCH, day(61)));
        assertFalse(SCHEDULE.overdue(LAUNCH, day(70), day(100)), "reviewed and published after the due date");
        assertTrue(SCHEDULE.overdue(LAUNCH, day(70), day(151)), "the next review came due");
        assertFalse(SCHEDULE.overdue(LAUNCH, day(150), day(151)), "published on the due date itself");
    }

    @Test
    void aModelNeverPublishedHasNothingDue() {
        assertNull(SCHEDULE.nextDue(null, day(500)));
        assertEquals(Optional.empty(), SCHEDULE.lastDue(null, day(500)));
        assertFalse(SCHEDULE.overdue(null, null, day(500)));
    }

    @Test
    void theModelDeclaresItsOwnScheduleOrTakesTheDefault() {
        assertEquals(ReviewSchedule.DEFAULT, ReviewSchedule.of(ModelLoader.defaultModel()));
        assertEquals(new ReviewSchedule(Duration.ofDays(30), Duration.ofDays(14)),
                ReviewSchedule.of(ModelLoader.parse(defaultYaml() + "review: { first: 30d, every: 2w }\n", "test")));
        assertEquals(new ReviewSchedule(Duration.ofDays(60), Duration.ofDays(30)),
                ReviewSchedule.of(ModelLoader.parse(defaultYaml() + "review: { every: month }\n", "test")));
    }

    @Test
    void aBrokenScheduleIsRefusedWithItsPlace() {
        ModelException refused = assertThrows(ModelException.class, () -> ModelLoader.parse(defaultYaml()
                + "review: { first: soon, every: 0d, notes: quarterly, at: noon }\n", "test"));

        assertEquals(List.of("review.notes: notes belong at the top, or on a rule, fit rule, threshold, group, market,"
                        + " decay, cold or competitors (one note per row of the revision table)",
                "review.at: unknown key 'at' (allowed: every, first)",
                "review.first: must be like 12h, 30d or 2w (or hour, day, week, month), not 'soon'",
                "review.every: must be like 12h, 30d or 2w (or hour, day, week, month), not '0d'"), refused.problems());
        assertEquals(List.of("review: must be a mapping such as { first: 60d, every: 90d }"), assertThrows(
                ModelException.class, () -> ModelLoader.parse(defaultYaml() + "review: 90d\n", "test")).problems());
        assertThrows(IllegalArgumentException.class, () -> new ReviewSchedule(Duration.ZERO, DAY));
    }
}
