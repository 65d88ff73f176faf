package io.leadscore.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.Activity;
import io.leadscore.activity.ActivityValidator;
import io.leadscore.activity.FieldError;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.ActivityStore;
import io.leadscore.aws.dynamodb.ErasedLeads;
import io.leadscore.aws.dynamodb.LeadErasure;
import io.leadscore.aws.dynamodb.ImportedActivityStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import io.leadscore.scoring.ScoringRun;
import io.leadscore.support.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import of history on DynamoDB Local: events older than the live age limit are accepted through it, each
 * recorded once, bad ones refused by field, and a lead ends as its whole history replayed in time order.
 */
class HistoryImportTest {
    static final Instant NOW = Instant.parse("2026-11-23T11:00:00Z");
    static final ScoringModel MODEL = ModelLoader.defaultModel();

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private LeadStore leads;
    private HistoryImport history;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        leads = new LeadStore(dynamoDb.client(), table, clock, Retention.DEFAULT);
        history = new HistoryImport(new ImportedActivityStore(dynamoDb.client(), table,
                new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT), Optional.empty()), leads, MODEL,
                Retention.DEFAULT, clock);
    }

    @Test
    void historyTwoHundredDaysOldIsAcceptedThroughTheImportWhileIngestRefusesIt() {
        ObjectNode old = event("crm-1", "form_submit", "dana", NOW.minus(Duration.ofDays(200)), "formId", "demo-request");

        ActivityValidator.Checked atIngest = new ActivityValidator(MODEL).check(old, "", "site", NOW);
        ImportAnswer answer = history.run(new ImportBatch(List.of(old), false));

        assertEquals(List.of("timestamp"), atIngest.errors().stream().map(FieldError::field).toList());
        assertEquals(new ImportAnswer(1, 0, List.of()), answer);
        Lead dana = leads.lead("dana").orElseThrow();
        assertEquals(replayed("dana"), comparable(dana));
        assertEquals(1, dana.appliedActivities());
    }

    @Test
    void anEventRepeatedInABatchOrInARerunIsADuplicateAndAppliedOnce() {
        ObjectNode form = event("crm-1", "form_submit", "dana", NOW.minus(Duration.ofDays(100)), "formId", "demo-request");

        ImportAnswer first = history.run(new ImportBatch(List.of(form, form.deepCopy()), false));
        ImportAnswer rerun = history.run(new ImportBatch(List.of(form), false));

        assertEquals(new ImportAnswer(1, 1, List.of()), first);
        assertEquals(new ImportAnswer(0, 1, List.of()), rerun);
        Lead dana = leads.lead("dana").orElseThrow();
        assertEquals(1, dana.appliedActivities());
        assertEquals(List.of("crm-1"), leads.ledger("dana").stream().filter(e -> e.reason().equals(LedgerEntry.EVENT))
                .map(LedgerEntry::eventId).toList());
        assertEquals(replayed("dana"), comparable(dana));
    }

    @Test
    void aBadEventIsRejectedNamingItsFieldAndTheOthersAreRecorded() {
        List<JsonNode> batch = List.of(
                event("ok-1", "page_view", "dana", NOW.minus(Duration.ofDays(300)), "url", "https://acme.example/pricing"),
                event("no-form", "form_submit", "dana", NOW.minus(Duration.ofDays(20))),
                event("ancient", "page_view", "dana", NOW.minus(Duration.ofDays(800)), "url", "https://acme.example/"));

        ImportAnswer answer = history.run(new ImportBatch(batch, false));

        assertEquals(1, answer.accepted());
        assertEquals(List.of(
                new ImportAnswer.Rejected(1, "no-form", List.of(new FieldError("events[1].properties.formId",
                        "is required for form_submit events"))),
                new ImportAnswer.Rejected(2, "ancient", List.of(new FieldError("events[2].timestamp", "is 800 days"
                        + " old (at most 730 days: the table's retention, RetentionDays; older history would expire"
                        + " at once)")))), answer.rejected());
        assertEquals(List.of("ok-1"), leads.recorded("dana", true).stream().map(Activity::eventId).toList());
    }

    /** History imported after live events is replayed before them; live scoring then goes on from the replay. */
    @Test
    void olderHistoryImportedAfterLiveEventsComesBeforeThemAndLiveScoringGoesOn() {
        live(activity("live-1", NOW.minus(Duration.ofDays(2))));

        history.run(new ImportBatch(List.of(
                event("old-1", "page_view", "dana", NOW.minus(Duration.ofDays(120)), "url", "https://acme.example/pricing"),
                event("old-2", "form_submit", "dana", NOW.minus(Duration.ofDays(119)), "formId", "demo-request"),
                event("old-3", "identify", "dana", NOW.minus(Duration.ofDays(118)), "email", "dana@acme.example",
                        "jobTitle", "VP Engineering")), false));
        Comparable afterImport = comparable(leads.lead("dana").orElseThrow());
        live(activity("live-2", NOW.minus(Duration.ofHours(1))));

        assertEquals(comparable(new Rescorer(MODEL).replay("dana", leads.recorded("dana", true).stream()
                .filter(a -> !a.eventId().equals("live-2")).toList(), List.of(), NOW)), afterImport);
        Lead dana = leads.lead("dana").orElseThrow();
        assertEquals(replayed("dana"), comparable(dana));
        assertEquals(5, dana.appliedActivities());
        assertEquals(dana.score(), leads.ledger("dana").stream().mapToInt(LedgerEntry::change).sum());
    }

    /** More imported activities for one lead than a transaction holds: applied oldest first, in rounds. */
    @Test
    void aLeadWithMoreHistoryThanOneTransactionHoldsIsAppliedInRounds() {
        List<JsonNode> batch = new ArrayList<>();
        batch.add(event("who", "identify", "dana", NOW.minus(Duration.ofDays(179)), "email", "dana@acme.example"));
        for (int i = 0; i < 250; i++) {
            batch.add(event("view-" + i, "page_view", "dana", NOW.minus(Duration.ofDays(178)).plus(Duration.ofHours(i * 17L)),
                    "url", "https://acme.example/" + (i % 5 == 0 ? "pricing" : "docs/" + i)));
        }

        assertEquals(new ImportAnswer(251, 0, List.of()), history.run(new ImportBatch(batch, false)));

        Lead dana = leads.lead("dana").orElseThrow();
        assertEquals(replayed("dana"), comparable(dana));
        assertEquals(251, dana.appliedActivities());
        assertEquals(dana.score(), leads.ledger("dana").stream().mapToInt(LedgerEntry::change).sum());
    }

    @Test
    void nothingIsAnnouncedByDefaultAndTheOptionAnnouncesTheQualification() {
        List<JsonNode> journey = salesReadyJourney("ada", NOW.minus(Duration.ofDays(10)));
        List<JsonNode> same = salesReadyJourney("bo", NOW.minus(Duration.ofDays(10)));

        history.run(new ImportBatch(journey, false));
        history.run(new ImportBatch(same, true));

        Lead ada = leads.lead("ada").orElseThrow();
        Lead bo = leads.lead("bo").orElseThrow();
        assertTrue(ada.score() >= 100, "sales-ready: " + ada.score());
        assertEquals(ada.qualifications().keySet(), bo.qualifications().keySet(), "qualified all the same");
        assertEquals(List.of(), outbox("ada"));
        assertEquals(List.of("bo/salesReady/1"), outbox("bo"));
    }

    @Test
    void anErasedLeadsHistoryIsRefusedAndAnErasureRemovesImportedHistory() {
        String table = dynamoDb.tableName("LeadScoreTable");
        HistoryImport fenced = new HistoryImport(new ImportedActivityStore(dynamoDb.client(), table,
                new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT),
                Optional.of(new ErasedLeads(dynamoDb.client(), table))), leads, MODEL, Retention.DEFAULT,
                Clock.fixed(NOW, ZoneOffset.UTC));
        fenced.run(new ImportBatch(List.of(event("e-1", "page_view", "dana", NOW.minus(Duration.ofDays(50)),
                "url", "https://acme.example/pricing")), false));

        var erasure = new LeadErasure(dynamoDb.client(), table, Clock.fixed(NOW, ZoneOffset.UTC))
                .erase("dana", MODEL.accounts()).orElseThrow();
        ImportAnswer after = fenced.run(new ImportBatch(List.of(event("e-2", "page_view", "dana",
                NOW.minus(Duration.ofDays(40)), "url", "https://acme.example/")), false));

        assertEquals(1, erasure.activities());
        assertEquals(List.of(), leads.recorded("dana", true));
        assertEquals(List.of(new ImportAnswer.Rejected(0, "e-2", List.of(new FieldError("events[0].leadId",
                "names a lead that was erased on request; its events are no longer recorded")))), after.rejected());
        assertFalse(leads.lead("dana").isPresent());
    }

    private List<String> outbox(String leadId) {
        return dynamoDb.client().query(request -> request.tableName(dynamoDb.tableName("LeadScoreTable"))
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :outbox)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("LEAD#" + leadId),
                                ":outbox", AttributeValue.fromS("OUTBOX#"))))
                .items().stream().map(item -> item.get("qualificationId").s()).toList();
    }

    /** As ingest records it and the score function applies it. */
    private void live(Activity activity) {
        String table = dynamoDb.tableName("LeadScoreTable");
        new ActivityStore(dynamoDb.client(), table, Retention.DEFAULT).record(activity);
        new ScoringRun(leads, MODEL, Clock.fixed(NOW, ZoneOffset.UTC)).apply(new ScoringRun.Group(
                Map.of(activity.leadId(), List.of(activity)), null));
    }

    private static Activity activity(String eventId, Instant at) {
        return new Activity(eventId, "page_view", "dana", at, Map.of("url", "https://acme.example/pricing"), "site", at);
    }

    /** Eleven events a minute apart that take a lead past sales-ready (100), as the end-to-end tests' journey does. */
    private static List<JsonNode> salesReadyJourney(String leadId, Instant start) {
        String[][] steps = {{"page_view", "url", "https://acme.example/pricing"},
                {"page_view", "url", "https://acme.example/pricing/enterprise"}, {"email_click", "campaign", "launch"},
                {"page_view", "url", "https://acme.example/careers"},
                {"page_view", "url", "https://acme.example/pricing#faq"},
                {"page_view", "url", "https://acme.example/pricing"}, {"form_submit", "formId", "whitepaper-roi"},
                {"email_click", "campaign", "launch"},
                {"identify", "email", leadId + "@" + leadId + "-corp.example", "jobTitle", "VP Sales", "industry",
                        "software", "country", "US"},
                {"page_view", "url", "https://acme.example/demo"}, {"form_submit", "formId", "demo-request"}};
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            events.add(event(leadId.charAt(0) + "-" + (i + 1), steps[i][0], leadId, start.plus(Duration.ofMinutes(i)),
                    Arrays.copyOfRange(steps[i], 1, steps[i].length)));
        }
        ((ObjectNode) events.get(8).get("properties")).put("companySize", 250);
        return events;
    }

    private static ObjectNode event(String eventId, String type, String leadId, Instant at, String... properties) {
        ObjectNode event = Json.mapper().createObjectNode().put("eventId", eventId).put("type", type)
                .put("leadId", leadId).put("timestamp", at.toString());
        ObjectNode props = event.putObject("properties");
        for (int i = 0; i < properties.length; i += 2) {
            props.put(properties[i], properties[i + 1]);
        }
        return event;
    }

    /** What a lead's score is made of, for comparing a stored lead with a replay. */
    record Comparable(int score, Map<String, Integer> groups, Instant coldSince, Instant nextDueAt,
                      Map<String, Instant> decayedAt, Object breakdown) {
    }

    static Comparable comparable(Lead lead) {
        return new Comparable(lead.score(), lead.groups(), lead.coldSince(), lead.nextDueAt(), lead.decayedAt(),
                lead.breakdown());
    }

    private Comparable replayed(String leadId) {
        return comparable(new Rescorer(MODEL).replay(leadId, leads.recorded(leadId, true), List.of(), NOW));
    }
}
