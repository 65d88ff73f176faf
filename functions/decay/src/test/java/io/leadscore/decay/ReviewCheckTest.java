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
 * September 2026, so due for review on 31 October (60 days), then every 90 days.
 */
class ReviewCheckTest {
    private static final Instant FIRST_PUBLISHED = Instant.parse("2026-09-01T09:14:05Z");
    private static final Instant FIRST_DUE = Instant.parse("2026-10-31T09:14:05Z");
    private static final Instant SECOND_DUE = Instant.parse("2027-01-29T09:14:05Z");
    private static final ReviewSchedule SCHEDULE = ReviewSchedule.DEFAULT;

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private ModelStore models;
    private Outbox outbox;
    private ReviewCheck check;

    @BeforeEach
    void theDefaultModelPublished() {
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
        ModelPointer before = pointer();

        assertEquals(Optional.empty(), check.run(FIRST_DUE.minusMillis(1)));

        assertEquals(List.of(), outbox.forModel("default"));
        assertEquals(before, pointer());
    }

    @Test
    void whenItFallsDueTheReminderIsAnnouncedAndTheNextDateSetInOneGuardedWrite() {
        ModelPointer before = pointer();

        ModelReviewDue announced = check.run(FIRST_DUE).orElseThrow();

        assertEquals(new ModelReviewDue("default", 1, FIRST_DUE, FIRST_PUBLISHED), announced);
        assertEquals(List.of(announced), reminders());
        assertEquals(SECOND_DUE, pointer().nextReviewAt());
        assertEquals(before.revision() + 1, pointer().revision(), "one on, for every other writer's guard");
    }

    @Test
    void theReminderNamesTheRevisionPublishedWhenItFellDue() {
        String yaml = ModelSeed.of(null).yaml();
        models.draft("default", number -> ModelRevision.draft("default", number, yaml, "marketing-ops",
                FIRST_PUBLISHED.plus(Duration.ofDays(20)), "tighter pricing rules", 1));
        models.publish("default", 2, "marketing-ops", FIRST_PUBLISHED.plus(Duration.ofDays(21)));

        assertEquals(2, check.run(FIRST_DUE).orElseThrow().revision());
        assertEquals(FIRST_PUBLISHED, reminders().get(0).firstPublishedAt(), "the schedule counts from the first");
    }

    @Test
    void runTwiceInAnHourItIsAnnouncedOnce() {
        Instant run = FIRST_DUE.plus(Duration.ofMinutes(20));

        assertTrue(check.run(run).isPresent());
        long revision = pointer().revision();
        assertEquals(Optional.empty(), check.run(run.plus(Duration.ofMinutes(30))));
        assertEquals(Optional.empty(), check.run(run.plus(Duration.ofHours(1))));

        assertEquals(1, reminders().size());
        assertEquals(revision, pointer().revision(), "nothing to write the second time");
    }

    @Test
    void aDayLateItAnnouncesTheDateItFellDue() {
        ModelReviewDue announced = check.run(FIRST_DUE.plus(Duration.ofDays(1))).orElseThrow();

        assertEquals(FIRST_DUE, announced.dueAt());
        assertEquals("model:default/review/2026-10-31", announced.key());
        assertEquals(SECOND_DUE, pointer().nextReviewAt());
    }

    @Test
    void moreThanAPeriodLateItAnnouncesTheReviewNowDueOnceAndMovesPastNow() {
        Instant muchLater = SECOND_DUE.plus(Duration.ofDays(3));

        assertEquals(SECOND_DUE, check.run(muchLater).orElseThrow().dueAt());
        assertEquals(Optional.empty(), check.run(muchLater.plus(Duration.ofHours(1))));

        assertEquals(List.of(SECOND_DUE), reminders().stream().map(ModelReviewDue::dueAt).toList());
        assertEquals(SECOND_DUE.plus(Duration.ofDays(90)), pointer().nextReviewAt());
    }

    /** Runs that come at every time of day, each a bit later than the last. */
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
        assertEquals(SECOND_DUE, pointer().nextReviewAt());
    }

    @Test
    void aReminderAnnouncedBeforeIsNotAnnouncedAgainButThePointerMovesOn() {
        // An earlier run announced it, then a writer put back the pointer's date as it had read it.
        outbox.storeOnce(new ModelReviewDue("default", 1, FIRST_DUE, FIRST_PUBLISHED), FIRST_DUE);

        assertEquals(Optional.empty(), check.run(FIRST_DUE.plus(Duration.ofHours(1))));

        assertEquals(1, outbox.forModel("default").size());
        assertEquals(FIRST_DUE, outbox.forModel("default").get(0).createdAt(), "the first announcement stands");
        assertEquals(SECOND_DUE, pointer().nextReviewAt());
    }

    @Test
    void theDueDateIsThePointersOrTheSchedulesLaterOne() {
        ModelPointer seeded = new ModelPointer("default", 1, 1, FIRST_PUBLISHED, "seed", FIRST_PUBLISHED, null, 1);
        ModelPointer dated = new ModelPointer("default", 1, 1, FIRST_PUBLISHED, "seed", FIRST_PUBLISHED,
                FIRST_DUE.plus(Duration.ofDays(2)), 2);

        assertEquals(Optional.of(FIRST_DUE), ReviewCheck.dueAt(seeded, SCHEDULE, FIRST_DUE), "by the schedule alone");
        assertEquals(Optional.empty(), ReviewCheck.dueAt(dated, SCHEDULE, FIRST_DUE.plus(Duration.ofDays(1))),
                "a date the pointer holds is kept to");
        assertEquals(Optional.of(dated.nextReviewAt()), ReviewCheck.dueAt(dated, SCHEDULE, SECOND_DUE.minusMillis(1)));
        assertEquals(Optional.of(SECOND_DUE), ReviewCheck.dueAt(dated, SCHEDULE, SECOND_DUE));
    }

    private List<ModelReviewDue> reminders() {
        return outbox.forModel("default").stream().map(record -> (ModelReviewDue) record.event()).toList();
    }

    private ModelPointer pointer() {
        return models.pointer("default").orElseThrow();
    }
}
