package io.leadscore.decay;

import io.leadscore.activity.Retention;
import io.leadscore.scoring.ScoringRun;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.Activity;
import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.lambda.Clocks;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalContext;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.model.ModelLoader;
import io.leadscore.revision.ModelRevision;
import io.leadscore.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decay handler invoked with its schedule's input in events/decay, over leads scored with the default model on
 * DynamoDB Local. The model fades a score by 10% a week after 30 days without a score increase, never below 50, and
 * takes a lead cold after 45 days; sales-ready is 100, re-armed below 90.
 */
class DecayHandlerTest {
    private static final String SCHEDULED_SWEEP = "../../events/decay/scheduled-sweep.json";
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());
    /** The sweep's clock. */
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Context PLENTY_OF_TIME = new LocalContext("DecayFunction", Duration.ofMinutes(4));

    /** Sales-ready at exactly 100 forty days ago, silent since: two weekly steps take her below the re-arm line. */
    private static final String FADED_BELOW_SALES_READY = "lead-ada";
    private static final Instant ADA_LAST_ENGAGED = NOW.minus(Duration.ofDays(40));
    /** 70 points, silent for fifty days: three weekly steps, then cold. */
    private static final String FADED_AND_COLD = "lead-bo";
    /** 20 points, under the decay floor of 50, silent for 46 days: nothing to fade, but cold. */
    private static final String COLD_UNDER_THE_FLOOR = "lead-cy";
    /** 70 points, engaged ten days ago: nothing due yet. */
    private static final String ACTIVE = "lead-dee";
    /** A decision maker's profile sixty days ago and no behaviour at all: never engaged is not cold. */
    private static final String NEVER_ENGAGED = "lead-eve";
    private static final List<String> ALL = List.of(FADED_BELOW_SALES_READY, FADED_AND_COLD, COLD_UNDER_THE_FLOOR,
            ACTIVE, NEVER_ENGAGED);

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private LeadStore leads;
    private Outbox outbox;

    @BeforeEach
    void fiveLeadsOfWhichThreeAreDue() {
        dynamoDb.freshTables();
        leads = new LeadStore(dynamoDb.client(), table(), Clock.systemUTC(), Retention.DEFAULT);
        outbox = new Outbox(dynamoDb.client(), table());
        seed(FADED_BELOW_SALES_READY, ADA_LAST_ENGAGED, true, 7);
        seed(FADED_AND_COLD, NOW.minus(Duration.ofDays(50)), true, 4);
        seed(COLD_UNDER_THE_FLOOR, NOW.minus(Duration.ofDays(46)), false, 2);
        seed(ACTIVE, NOW.minus(Duration.ofDays(10)), true, 4);
        seed(NEVER_ENGAGED, NOW.minus(Duration.ofDays(60)), true, 0);
        assertEquals(100, leads.lead(FADED_BELOW_SALES_READY).orElseThrow().score());
    }

    @Test
    void theSampleIsTheInputTheTemplatesScheduleSends() {
        String input = TEMPLATE.function("DecayFunction").schedules().get(0)
                .input(TEMPLATE.resolver(dynamoDb::tableName));
        assertEquals(json(input), Json.mapper().valueToTree(scheduledSweep()));
    }

    @Test
    void readsOnlyTheDueLeadsAndCountsWhatItDidToThem() {
        DecaySweep.Summary summary = handler().handleRequest(scheduledSweep(), PLENTY_OF_TIME);

        assertEquals(3, summary.indexItemsRead(), "the due index holds the three due leads, and nothing else");
        assertEquals(3, summary.leadsDue());
        assertEquals(2, summary.leadsDecayed(), "the one under the floor has nothing to lose");
        assertEquals(2, summary.leadsWentCold());
        assertEquals(0, summary.leadsFailed());
        assertTrue(summary.complete());
    }

    @Test
    void theLedgerSaysWhyEachFadedScoreFell() {
        handler().handleRequest(scheduledSweep(), PLENTY_OF_TIME);

        assertEquals(List.of(LedgerEntry.DECAY, LedgerEntry.DECAY), reasons(FADED_BELOW_SALES_READY, 2),
                "one step a week since the 30-day grace period ended, newest first");
        assertEquals(81, leads.lead(FADED_BELOW_SALES_READY).orElseThrow().score(), "100 - 10 - 9");
        assertEquals(List.of(LedgerEntry.COLD, LedgerEntry.DECAY, LedgerEntry.DECAY, LedgerEntry.DECAY),
                reasons(FADED_AND_COLD, 4));
        assertEquals(List.of(LedgerEntry.COLD), reasons(COLD_UNDER_THE_FLOOR, 1));
        assertEquals(20, leads.lead(COLD_UNDER_THE_FLOOR).orElseThrow().score());
        assertEquals(List.of(LedgerEntry.EVENT), reasons(ACTIVE, 1), "untouched");
        assertEquals(List.of(LedgerEntry.EVENT), reasons(NEVER_ENGAGED, 1), "untouched");
        assertFalse(leads.lead(NEVER_ENGAGED).orElseThrow().isCold());
    }

    @Test
    void announcesTheDisqualifiedAndTheColdLeadsThroughTheOutbox() {
        handler().handleRequest(scheduledSweep(), PLENTY_OF_TIME);

        assertEquals(List.of("LeadQualified", "LeadDisqualified"), detailTypes(FADED_BELOW_SALES_READY));
        Outbox.Record disqualified = outbox.forLead(FADED_BELOW_SALES_READY).get(1);
        assertEquals(ADA_LAST_ENGAGED.plus(Duration.ofDays(37)).toString(), disqualified.detail().get("at"),
                "dated by the weekly step that took her below 90, not by when the sweep came by");
        assertEquals(List.of("LeadWentCold"), detailTypes(FADED_AND_COLD));
        assertEquals(List.of("LeadWentCold"), detailTypes(COLD_UNDER_THE_FLOOR));
        assertEquals(List.of(), detailTypes(ACTIVE));
        assertEquals(List.of(), detailTypes(NEVER_ENGAGED));
    }

    @Test
    void aSecondRunAtTheSameTimeChangesNothing() {
        handler().handleRequest(scheduledSweep(), PLENTY_OF_TIME);
        Map<String, Stored> afterFirstRun = stored();

        DecaySweep.Summary again = handler().handleRequest(scheduledSweep(), PLENTY_OF_TIME);

        assertEquals(new DecaySweep.Summary(0, 0, 0, 0, 0, true, 0), again, "swept leads left the index until next due");
        assertEquals(afterFirstRun, stored());
    }

    @Test
    void refusesASweepScheduledForAnotherModel() {
        Map<String, Object> input = scheduledSweep();
        input.put("model", "enterprise");
        Map<String, Stored> before = stored();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> handler().handleRequest(input, PLENTY_OF_TIME));

        assertTrue(refused.getMessage().contains("'enterprise'") && refused.getMessage().contains("'default'"),
                refused.getMessage());
        assertEquals(before, stored());
    }

    @Test
    void stopsBeforeTheTimeLimitAndLeavesEverythingDueForTheNextRun() {
        Map<String, Stored> before = stored();

        DecaySweep.Summary stopped = handler().handleRequest(scheduledSweep(),
                new LocalContext("DecayFunction", Duration.ofMillis(DecayHandler.SAFETY_MILLIS - 1)));

        assertFalse(stopped.complete());
        assertEquals(0, stopped.leadsDue());
        assertEquals(0, stopped.leadsDecayed());
        assertEquals(before, stored());
        DecaySweep.Summary next = handler().handleRequest(scheduledSweep(), PLENTY_OF_TIME);
        assertEquals(new DecaySweep.Summary(3, 2, 2, 0, 3, true, 0), next);
    }

    @Test
    void afterItsSweepTheHourlyRunAnnouncesTheModelsReviewOnceItIsDue() {
        Instant dueAt = NOW.minus(Duration.ofMinutes(30));
        new ModelStore(dynamoDb.client(), table()).seed("default", ModelSeed.of(null), dueAt.minus(Duration.ofDays(60)));

        DecaySweep.Summary summary = handler().handleRequest(scheduledSweep(), PLENTY_OF_TIME);
        handler(NOW.plus(Duration.ofHours(1))).handleRequest(scheduledSweep(), PLENTY_OF_TIME);

        assertEquals(new DecaySweep.Summary(3, 2, 2, 0, 3, true, 0), summary, "the sweep as ever");
        List<Outbox.Record> reminders = outbox.forModel("default");
        assertEquals(List.of("ModelReviewDue"), reminders.stream().map(Outbox.Record::detailType).toList(),
                "once, by the first run after it fell due");
        assertEquals(new ModelReviewDue("default", 1, dueAt, dueAt.minus(Duration.ofDays(60))),
                reminders.get(0).event());
    }

    @Test
    void noReviewIsAnnouncedBeforeItIsDue() {
        new ModelStore(dynamoDb.client(), table()).seed("default", ModelSeed.of(null), NOW.minus(Duration.ofDays(59)));

        handler().handleRequest(scheduledSweep(), PLENTY_OF_TIME);

        assertEquals(List.of(), outbox.forModel("default"));
    }

    /**
     * The sweep reads the published revision at each page: a revision published while the function runs decays the
     * next sweep's leads, with no restart. Its clock runs a week a second, so the next weekly step falls due.
     */
    @Test
    void aRunningSweepDecaysUnderARevisionPublishedMeanwhile() throws InterruptedException {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(TEMPLATE, dynamoDb, "DecayFunction"));
        env.put(Clocks.CLOCK_START, NOW.toString());
        env.put(Clocks.CLOCK_SPEED, String.valueOf(Duration.ofDays(7).toSeconds()));
        DecayHandler running = new DecayHandler(new Environment(env));
        running.handleRequest(scheduledSweep(), PLENTY_OF_TIME);
        assertEquals("default@1", leads.recentLedger(FADED_BELOW_SALES_READY, 1).get(0).model());
        int before = leads.lead(FADED_BELOW_SALES_READY).orElseThrow().score();

        ModelStore models = new ModelStore(dynamoDb.client(), table());
        String author = "arn:aws:iam::123456789012:user/marketing-ops";
        ModelRevision faster = models.draft("default", n -> ModelRevision.draft("default", n,
                ModelSeed.of(null).yaml().replace("  by: 10%\n", "  by: 20%\n"), author, NOW, "fade faster", 1));
        models.publish("default", faster.number(), author, NOW);
        Thread.sleep(1_100); // more than a week of the function's time

        running.handleRequest(scheduledSweep(), PLENTY_OF_TIME);

        // The first step since the publish: on a loaded machine more than a week of the function's time may pass, and
        // a later step may stop at the floor.
        List<LedgerEntry> newestFirst = leads.recentLedger(FADED_BELOW_SALES_READY, 10);
        LedgerEntry step = newestFirst.stream().filter(e -> e.reason().equals(LedgerEntry.DECAY))
                .reduce((newer, older) -> older.model().equals("default@2") ? older : newer).orElseThrow();
        assertEquals("default@2", step.model(), "the step names the revision published since");
        int stepFrom = step.scoreAfter() - step.change();
        assertTrue(stepFrom <= before);
        assertEquals(Math.round(stepFrom * 0.2), -step.change(), "20% of " + stepFrom + ", as revision 2 says");
    }

    /** The function as Lambda runs it, its clock at {@link #NOW}. */
    private DecayHandler handler() {
        return handler(NOW);
    }

    private DecayHandler handler(Instant now) {
        Map<String, String> env = new HashMap<>(LocalFunctions.environment(TEMPLATE, dynamoDb, "DecayFunction"));
        env.put(Clocks.CLOCK_START, now.toString());
        return new DecayHandler(new Environment(env));
    }

    /** A fresh copy of the sample input, {@code {"model": "default"}}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> scheduledSweep() {
        return new LinkedHashMap<>(EventLoader.loadEvent(SCHEDULED_SWEEP, Map.class));
    }

    /**
     * Scores a lead as the score function would: a VP at a mid-sized US software company (fit 30) if
     * {@code decisionMaker}, then as many whitepaper downloads as asked (10 each), the last at
     * {@code lastEngagedAt}.
     */
    private void seed(String leadId, Instant lastEngagedAt, boolean decisionMaker, int whitepapers) {
        List<Activity> activities = new ArrayList<>();
        if (decisionMaker) {
            activities.add(activity(leadId, leadId + "-profile", "identify", lastEngagedAt.minus(Duration.ofHours(1)),
                    Map.of("jobTitle", "VP Marketing", "industry", "software", "companySize", new BigDecimal(250),
                            "country", "US")));
        }
        for (int i = 1; i <= whitepapers; i++) {
            activities.add(activity(leadId, leadId + "-whitepaper-" + i, "form_submit",
                    lastEngagedAt.minus(Duration.ofMinutes(whitepapers - i)), Map.of("formId", "whitepaper-" + i)));
        }
        Clock clock = Clock.fixed(lastEngagedAt, ZoneOffset.UTC);
        ScoringRun scoring = new ScoringRun(new LeadStore(dynamoDb.client(), table(), clock, Retention.DEFAULT), ModelLoader.defaultModel(), clock);
        scoring.groups(Map.of(leadId, activities)).forEach(scoring::apply);
    }

    private static Activity activity(String leadId, String eventId, String type, Instant at,
                                     Map<String, Object> properties) {
        return new Activity(eventId, type, leadId, at, properties, "acme-site", at);
    }

    /** The reasons of a lead's newest ledger entries, newest first. */
    private List<String> reasons(String leadId, int newest) {
        return leads.recentLedger(leadId, newest).stream().map(LedgerEntry::reason).toList();
    }

    private List<String> detailTypes(String leadId) {
        return outbox.forLead(leadId).stream().map(Outbox.Record::detailType).toList();
    }

    /** Everything the sweep may write for a lead. */
    private record Stored(Lead lead, List<LedgerEntry> ledger, List<Outbox.Record> announcements) {
    }

    private Map<String, Stored> stored() {
        Map<String, Stored> stored = new HashMap<>();
        ALL.forEach(id -> stored.put(id, new Stored(leads.lead(id).orElseThrow(), leads.recentLedger(id, 100),
                outbox.forLead(id))));
        return stored;
    }

    private String table() {
        return dynamoDb.tableName("LeadScoreTable");
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
