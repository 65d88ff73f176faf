package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.announcement.JobSegmentReady;
import io.leadscore.aws.dynamodb.JobSegment.LeadError;
import io.leadscore.aws.dynamodb.JobSegment.PageCounts;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.ModelRevision;
import io.leadscore.scoring.AppliedHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.leadscore.aws.dynamodb.Scoring.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs on DynamoDB Local: started in one transaction with each segment's first event and a publish's pointer move, or
 * not at all; a segment written by one worker at a time and handed over with the event that continues it; progress
 * added up; and what a worker reads: the lead index's segments, a lead's applied history.
 */
class JobStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final String AUTHOR = "arn:aws:iam::123456789012:user/marketing-ops";

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private String table;
    private JobStore jobs;
    private ModelStore models;
    private Outbox outbox;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        table = dynamoDb.tableName("LeadScoreTable");
        jobs = new JobStore(dynamoDb.client(), table);
        models = new ModelStore(dynamoDb.client(), table);
        outbox = new Outbox(dynamoDb.client(), table);
        models.seed("default", ModelSeed.of(null), T0);
        models.draft("default", n -> ModelRevision.draft("default", n, ModelSeed.of(null).yaml(), AUTHOR, T0, null, 1));
    }

    @Test
    void aPublishStartsItsJobWithThePointersMoveAndEachSegmentsFirstEventOrNotAtAll() {
        ModelPointer read = models.pointer("default").orElseThrow();
        Job job = rescore("job-1", 3);

        jobs.start(job, T0, models.publication(read, 2, AUTHOR, T0, T0.plus(Duration.ofDays(90)), job.jobId()));

        assertEquals(job, jobs.job("job-1").orElseThrow());
        assertEquals(job.firstHandOuts(), outbox.forJob("job-1").stream().map(Outbox.Record::event)
                .sorted(Comparator.comparingInt(e -> ((JobSegmentReady) e).segment())).toList());
        ModelPointer published = models.pointer("default").orElseThrow();
        assertEquals(List.of(2, "job-1"), List.of(published.published(), published.rescoring()));

        Job late = rescore("job-2", 3); // read the pointer before job-1's publish moved it
        assertThrows(JobStore.NotStarted.class, () -> jobs.start(late, T0,
                models.publication(read, 1, AUTHOR, T0, T0.plus(Duration.ofDays(90)), late.jobId())));
        assertTrue(jobs.job("job-2").isEmpty(), "nothing of the refused job is written");
        assertEquals(List.of(), outbox.forJob("job-2"));
        assertEquals(published, models.pointer("default").orElseThrow());

        models.rescored("default", "job-0");
        assertEquals("job-1", models.pointer("default").orElseThrow().rescoring(), "only the job named clears it");
        models.rescored("default", "job-1");
        assertEquals(null, models.pointer("default").orElseThrow().rescoring());
        assertEquals(published.revision(), models.pointer("default").orElseThrow().revision(),
                "not a change of what is published: drafts in flight are not refused");
    }

    @Test
    void aSegmentIsWrittenByOneWorkerAtATimeAndHandedOverWithTheEventThatContinuesIt() {
        Job job = rescore("job-1", 2);
        jobs.start(job, T0);
        JobSegment unstarted = jobs.segment("job-1", 1);
        assertEquals(JobSegment.unstarted(1), unstarted);

        JobSegment working = unstarted.working(T0);
        assertTrue(jobs.save("job-1", unstarted, working));
        assertFalse(jobs.save("job-1", unstarted, unstarted.working(T0)), "a second worker read it unstarted");
        JobSegment paged = working.afterPage(Map.of("rankShard", "LEADS#2", "rankScore", BigDecimal.TEN,
                "pk", "LEAD#x", "sk", "LEAD"), new PageCounts(3, 1, List.of(new LeadError("y", "Conflict"))), null,
                T0.plusSeconds(5));
        assertTrue(jobs.save("job-1", working, paged));
        assertEquals(paged, jobs.segment("job-1", 1), "cursor and counts read back as written");

        JobSegment handedOver = paged.handedOver(T0.plusSeconds(6));
        assertTrue(jobs.handOver("job-1", paged, handedOver, job.handOut(1, 2), T0.plusSeconds(6)));
        assertFalse(jobs.handOver("job-1", paged, handedOver, job.handOut(1, 2), T0.plusSeconds(6)), "once");
        assertEquals(2, jobs.segment("job-1", 1).attempt());
        assertTrue(outbox.forJob("job-1").stream().anyMatch(record -> record.event().equals(job.handOut(1, 2))));
    }

    @Test
    void aJobsProgressIsItsSegmentsAddedUp() {
        Job job = rescore("job-1", 2);
        jobs.start(job, T0);
        assertEquals(StoredJob.QUEUED, jobs.stored("job-1").orElseThrow().status(T0));

        JobSegment waiting = JobSegment.unstarted(0).waiting(T0.plusSeconds(60), T0);
        jobs.save("job-1", JobSegment.unstarted(0), waiting);
        assertEquals(StoredJob.WAITING, jobs.stored("job-1").orElseThrow().status(T0.plusSeconds(1)));
        JobSegment done = waiting.working(T0.plusSeconds(60)).afterPage(null, new PageCounts(5, 2, List.of()), null,
                T0.plusSeconds(70));
        jobs.save("job-1", waiting, done);
        JobSegment other = JobSegment.unstarted(1).working(T0.plusSeconds(60));
        jobs.save("job-1", JobSegment.unstarted(1), other);

        StoredJob stored = jobs.stored("job-1").orElseThrow();
        assertEquals(StoredJob.RUNNING, stored.status(T0.plusSeconds(71)));
        assertEquals(List.of(1L, 7L, 5L, 2L), List.of(stored.segmentsDone(), stored.leads(), stored.changed(),
                stored.unchanged()));
        Instant quiet = T0.plusSeconds(60).plus(StoredJob.STALLED_AFTER).plusSeconds(1);
        assertEquals(StoredJob.FAILED, stored.status(quiet), "a worker quiet for 20 minutes is lost");
        assertTrue(stored.errors(quiet).get(0).error().startsWith("segment 1: no progress since"), stored.toString());

        jobs.save("job-1", other, other.afterPage(null, new PageCounts(1, 0, List.of()), null, T0.plusSeconds(80)));
        assertEquals(StoredJob.DONE, jobs.stored("job-1").orElseThrow().status(quiet));
        assertTrue(jobs.stored("job-2").isEmpty());
    }

    @Test
    void theLeadIndexsSegmentsHoldEveryLeadOnceAndNothingElse() {
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "lead-" + i).toList();
        // Leads in accounts of their own, qualified: the index also ranks their accounts and announcements.
        LeadScorer scorer = new LeadScorer(ModelLoader.defaultModel());
        ids.forEach(id -> score(leads, id, List.of(new Activity(id + "-1", "form_submit", id, T0,
                Map.of("formId", "demo-request", "email", id + "@" + id + ".example"), "site", T0)), scorer));
        LeadScan scan = new LeadScan(dynamoDb.client(), table);

        List<String> found = new ArrayList<>();
        for (int segment = 0; segment < 3; segment++) {
            Map<String, Object> cursor = null;
            do {
                LeadScan.Page page = scan.page(segment, 3, cursor, 7);
                found.addAll(page.leadIds());
                cursor = page.next();
            } while (cursor != null);
        }

        assertEquals(new HashSet<>(ids), Set.copyOf(found));
        assertEquals(ids.size(), found.size(), "each once");
    }

    @Test
    void aLeadsAppliedHistoryIsItsRecordedActivitiesLessThoseNotAppliedYet() {
        LeadStore leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        ActivityStore activities = new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT);
        List<Activity> applied = List.of(view("dana", 1), view("dana", 2));
        applied.forEach(activities::record);
        score(leads, "dana", applied, new LeadScorer(ModelLoader.defaultModel()));
        Activity pending = view("dana", 3);
        activities.record(pending);
        Lead dana = leads.lead("dana").orElseThrow();

        assertEquals(Set.of("dana-1", "dana-2", "dana-3"), eventIds(leads.recorded("dana", false)));
        assertEquals(Set.of("dana-1", "dana-2"), eventIds(new AppliedHistory(leads).of(dana).activities()));
        assertEquals(2, leads.ledger("dana").size());
    }

    private static Job rescore(String jobId, int segments) {
        return new Job(jobId, JobSegmentReady.RESCORE, "default", 2, 1, false, null, null, segments, T0, AUTHOR);
    }

    private static Activity view(String leadId, int n) {
        Instant at = T0.plusSeconds(60L * n);
        return new Activity(leadId + "-" + n, "page_view", leadId, at, Map.of("url", "https://acme.example/pricing"),
                "site", at);
    }

    private static Set<String> eventIds(List<Activity> activities) {
        Set<String> ids = new HashSet<>();
        activities.forEach(activity -> ids.add(activity.eventId()));
        return ids;
    }
}
