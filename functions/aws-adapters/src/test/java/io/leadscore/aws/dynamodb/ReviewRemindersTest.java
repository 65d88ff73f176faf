package io.leadscore.aws.dynamodb;

import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.local.LocalDynamoDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A review reminder on DynamoDB Local: stored once, and only while the model's pointer is as it was read. */
class ReviewRemindersTest {
    private static final Instant FIRST_PUBLISHED = Instant.parse("2026-09-01T09:14:05Z");
    private static final Instant DUE = Instant.parse("2026-10-31T09:14:05Z");
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
    void theReminderIsStoredAndThePointerLeftAsItIs() {
        assertEquals(ReviewReminders.Outcome.ANNOUNCED, reminders.announce(seeded, REMINDER, DUE));

        assertEquals(List.of(REMINDER), outbox.forModel("default").stream().map(Outbox.Record::event).toList());
        assertEquals(seeded, models.pointer("default").orElseThrow(), "overdue until a revision is published");
    }

    @Test
    void aPointerChangedSinceItWasReadTakesNoReminder() {
        ModelPointer published = models.publish("default", 1, "marketing-ops", DUE.minusSeconds(60));

        assertEquals(ReviewReminders.Outcome.POINTER_MOVED, reminders.announce(seeded, REMINDER, DUE));

        assertEquals(List.of(), outbox.forModel("default"));
        assertEquals(published, models.pointer("default").orElseThrow(), "the publish stands");
    }

    @Test
    void aReminderStoredBeforeIsKept() {
        outbox.storeOnce(REMINDER, DUE);

        assertEquals(ReviewReminders.Outcome.ANNOUNCED_BEFORE,
                reminders.announce(seeded, REMINDER, DUE.plusSeconds(3600)));

        assertEquals(1, outbox.forModel("default").size());
        assertEquals(DUE, outbox.forModel("default").get(0).createdAt());
    }
}
