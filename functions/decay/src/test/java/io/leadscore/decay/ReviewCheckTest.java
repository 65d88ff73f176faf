package io.leadscore.decay;

import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.aws.dynamodb.ModelPointer;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.dynamodb.PublishedModel;
import io.leadscore.aws.dynamodb.ReviewReminders;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.ReviewSchedule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review check on DynamoDB Local, over the default model as the model store seeds it: first published on 1
 * September 2026, so due for review on 31 October (60 days), then every 90 days until a revision is published.
 */
class ReviewCheckTest {
    private static final Instant FIRST_PUBLISHED = Instant.parse("2026-09-01T09:14:05Z");
    private static final Instant FIRST_DUE = Instant.parse("2026-10-31T09:14:05Z");
    private static final Instant SECOND_DUE = Instant.parse("2027-01-29T09:14:05Z");
    private static final String MARKETING = "arn:aws:iam::123456789012:user/marketing-ops";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ModelStore models;
    private Outbox outbox;
    private ReviewCheck check;

    @BeforeEach
    void theDefaultModelFirstPublished() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        models = new ModelStore(dynamoDb.client(), table);
        outbox = new Outbox(dynamoDb.client(), table);
        models.seed("default", ModelSeed.of(null), FIRST_PUBLISHED);
        check = new ReviewCheck(new PublishedModel(models, "default", () -> ModelSeed.of(null),
                Clock.fixed(FIRST_PUBLISHED, ZoneOffset.UTC)), new ReviewReminders(dynamoDb.client(), table));
    }

    @Test
    void nothingIsAnnouncedBeforeTheReviewIsDue() {
        assertEquals(FIRST_DUE, pointer().nextReviewAt(), "as the model store seeds it");

        assertEquals(Optional.empty(), check.run(FIRST_DUE.minusMillis(1)));

        assertEquals(List.of(), outbox.forModel("default"));
    }

    @Test
    void whenItFallsDueTheReminderIsAnnouncedAndTheModelStaysOverdue() {
        ModelPointer before = pointer();

        ModelReviewDue announced = check.run(FIRST_DUE).orElseThrow();

        assertEquals(new ModelReviewDue("default", 1, FIRST_DUE, FIRST_PUBLISHED), announced);
        assertEquals(List.of(announced), reminders());
        assertEquals(before, pointer(), "the pointer is a publish's to move");
        assertTrue(pointer().reviewOverdue(FIRST_DUE.plusSeconds(1)));
    }

    @Test
    void theReminderNamesTheRevisionPublishedWhenItFellDue() {
        publishRevision2(FIRST_PUBLISHED.plus(Duration.ofDays(21)));

        assertEquals(2, check.run(FIRST_DUE).orElseThrow().revision());
        assertEquals(FIRST_PUBLISHED, reminders().get(0).firstPublishedAt(), "the schedule counts from the first");
    }

    @Test
    void runTwiceInAnHourItIsAnnouncedOnce() {
        Instant run = FIRST_DUE.plus(Duration.ofMinutes(20));

        assertTrue(check.run(run).isPresent());
        assertEquals(Optional.empty(), check.run(run.plus(Duration.ofMinutes(30))));
        assertEquals(Optional.empty(), check.run(run.plus(Duration.ofHours(1))));

        assertEquals(1, reminders().size());
    }

    @Test
    void aDayLateItAnnouncesTheDateItFellDue() {
        ModelReviewDue announced = check.run(FIRST_DUE.plus(Duration.ofDays(1))).orElseThrow();

        assertEquals(FIRST_DUE, announced.dueAt());
        assertEquals("model:default/review/2026-10-31", announced.key());
    }

    @Test
    void moreThanAPeriodLateItAnnouncesTheReviewNowDueOnce() {
        Instant muchLater = SECOND_DUE.plus(Duration.ofDays(3));

        assertEquals(SECOND_DUE, check.run(muchLater).orElseThrow().dueAt());
        assertEquals(Optional.empty(), check.run(muchLater.plus(Duration.ofHours(1))));

        assertEquals(List.of(SECOND_DUE), reminders().stream().map(ModelReviewDue::dueAt).toList());
    }

    /** Runs that come at every time of day, each a bit later than the last, and no revision published. */
    @Test
    void runForAYearEachDueDateIsAnnouncedOnceByTheFirstRunAfterIt() {
        Duration every = Duration.ofHours(29);
        for (Instant run = FIRST_PUBLISHED; run.isBefore(FIRST_PUBLISHED.plus(Duration.ofDays(365)));
             run = run.plus(every)) {
            Instant now = run;
            check.run(now).ifPresent(reminder -> assertTrue(
                    !now.isBefore(reminder.dueAt()) && now.isBefore(reminder.dueAt().plus(every)),
                    reminder + " announced at " + now));
        }

        assertEquals(List.of("2026-10-31", "2027-01-29", "2027-04-29", "2027-07-28"),
                reminders().stream().map(reminder -> reminder.dueDate().toString()).toList());
    }

    @Test
    void aPublishRecordsTheReviewAndTheNextReminderWaitsForTheNextDate() {
        check.run(FIRST_DUE.plus(Duration.ofHours(1)));
        publishRevision2(FIRST_DUE.plus(Duration.ofDays(5)));

        assertEquals(Optional.empty(), check.run(SECOND_DUE.minusSeconds(1)));
        ModelReviewDue next = check.run(SECOND_DUE).orElseThrow();

        assertEquals(new ModelReviewDue("default", 2, SECOND_DUE, FIRST_PUBLISHED), next);
        assertEquals(List.of(FIRST_DUE, SECOND_DUE), reminders().stream().map(ModelReviewDue::dueAt).toList());
    }

    @Test
    void runsAtOnceAnnounceItOnce() throws Exception {
        int runs = 6;
        CyclicBarrier start = new CyclicBarrier(runs);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        int announced = 0;
        try {
            List<Future<Optional<ModelReviewDue>>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return check.run(FIRST_DUE.plusSeconds(5));
                }));
            }
            for (Future<Optional<ModelReviewDue>> result : results) {
                announced += result.get().isPresent() ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, announced);
        assertEquals(1, reminders().size());
    }

    @Test
    void aReminderAnnouncedBeforeIsNotAnnouncedAgain() {
        outbox.storeOnce(new ModelReviewDue("default", 1, FIRST_DUE, FIRST_PUBLISHED), FIRST_DUE);

        assertEquals(Optional.empty(), check.run(FIRST_DUE.plus(Duration.ofHours(1))));

        assertEquals(1, outbox.forModel("default").size());
        assertEquals(FIRST_DUE, outbox.forModel("default").get(0).createdAt(), "the first announcement stands");
    }

    @Test
    void aPointerWithoutADateIsDueByTheScheduleAndItsLastPublish() {
        ReviewSchedule schedule = ReviewSchedule.DEFAULT;
        ModelPointer undated = new ModelPointer("default", 1, 1, FIRST_PUBLISHED, "seed", FIRST_PUBLISHED, null, 1, null);
        ModelPointer reviewed = new ModelPointer("default", 2, 2, FIRST_DUE.plus(Duration.ofDays(1)), MARKETING,
                FIRST_PUBLISHED, null, 3, null);

        assertEquals(Optional.empty(), ReviewCheck.dueAt(undated, schedule, FIRST_DUE.minusSeconds(1)));
        assertEquals(Optional.of(FIRST_DUE), ReviewCheck.dueAt(undated, schedule, FIRST_DUE));
        assertEquals(Optional.empty(), ReviewCheck.dueAt(reviewed, schedule, FIRST_DUE.plus(Duration.ofDays(2))),
                "published since it fell due: reviewed");
        assertEquals(Optional.of(SECOND_DUE), ReviewCheck.dueAt(reviewed, schedule, SECOND_DUE));
    }

    private void publishRevision2(Instant at) {
        String yaml = ModelSeed.of(null).yaml();
        models.draft("default", number -> ModelRevision.draft("default", number, yaml, MARKETING, at,
                "reviewed with sales", 1));
        models.publish("default", 2, MARKETING, at);
    }

    private List<ModelReviewDue> reminders() {
        return outbox.forModel("default").stream().map(record -> (ModelReviewDue) record.event()).toList();
    }

    private ModelPointer pointer() {
        return models.pointer("default").orElseThrow();
    }
}
