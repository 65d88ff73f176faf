package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.local.LocalDynamoDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A review reminder and the pointer's next date, written together on DynamoDB Local, or not at all. */
class ReviewRemindersTest {
    private static final Instant FIRST_PUBLISHED = Instant.parse("2026-09-01T09:14:05Z");
    private static final Instant DUE = Instant.parse("2026-10-31T09:14:05Z");
    private static final Instant NEXT = Instant.parse("2027-01-29T09:14:05Z");
    private static final ModelReviewDue REMINDER = new ModelReviewDue("default", 1, DUE, FIRST_PUBLISHED);

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ModelStore models;
    private Outbox outbox;
    private ReviewReminders reminders;
    private ModelPointer seeded;

    @BeforeEach
    void theDefaultModelPublished() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        models = new ModelStore(dynamoDb.client(), table);
        outbox = new Outbox(dynamoDb.client(), table);
        reminders = new ReviewReminders(dynamoDb.client(), table);
        seeded = models.seed("default", ModelSeed.of(null), FIRST_PUBLISHED);
    }

    @Test
    void theReminderIsStoredAndThePointerMovesOnTogether() {
        assertEquals(ReviewReminders.Outcome.ANNOUNCED, reminders.announce(seeded, REMINDER, NEXT, DUE));

        assertEquals(List.of(REMINDER), outbox.forModel("default").stream().map(Outbox.Record::event).toList());
        ModelPointer moved = models.pointer("default").orElseThrow();
        assertEquals(NEXT, moved.nextReviewAt());
        assertEquals(seeded.revision() + 1, moved.revision());
        assertEquals(seeded.published(), moved.published(), "the rest of the pointer as it was");
    }

    @Test
    void aPointerChangedSinceItWasReadTakesNeitherWrite() {
        ModelPointer published = models.publish("default", 1, "marketing-ops", DUE.minusSeconds(60));

        assertEquals(ReviewReminders.Outcome.POINTER_MOVED, reminders.announce(seeded, REMINDER, NEXT, DUE));

        assertEquals(List.of(), outbox.forModel("default"));
        assertEquals(published, models.pointer("default").orElseThrow(), "the publish stands");
        assertNull(published.nextReviewAt());
    }

    @Test
    void aReminderStoredBeforeIsKeptAndOnlyThePointerMovesOn() {
        outbox.storeOnce(REMINDER, DUE);

        assertEquals(ReviewReminders.Outcome.ANNOUNCED_BEFORE,
                reminders.announce(seeded, REMINDER, NEXT, DUE.plusSeconds(3600)));

        assertEquals(DUE, outbox.forModel("default").get(0).createdAt());
        assertEquals(NEXT, models.pointer("default").orElseThrow().nextReviewAt());
    }
}
