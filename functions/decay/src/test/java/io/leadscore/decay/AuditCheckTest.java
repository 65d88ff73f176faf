package io.leadscore.decay;

import io.leadscore.activity.Retention;
import io.leadscore.announcement.ModelNeedsReview;
import io.leadscore.aws.dynamodb.CountStore;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.aws.dynamodb.Outbox;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scheduled audit on DynamoDB Local, over leads with their verdicts imported (and so counted): the last complete
 * ISO week before Tuesday December 1, 2026 is W48, November 23 to 29.
 */
class AuditCheckTest {
    private static final Instant TUESDAY = Instant.parse("2026-12-01T06:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private LeadStore leads;
    private Outbox outbox;
    private AuditCheck check;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        String table = dynamoDb.tableName("LeadScoreTable");
        leads = new LeadStore(dynamoDb.client(), table, Clock.systemUTC(), Retention.DEFAULT);
        outbox = new Outbox(dynamoDb.client(), table);
        check = new AuditCheck(new CountStore(dynamoDb.client(), table), outbox, "default");
    }

    /** MQLs on {@code day}: {@code accepted} accepted, {@code rejected} rejected. */
    private void decided(String day, int accepted, int rejected) {
        List<Lead> imported = new ArrayList<>();
        for (int i = 0; i < accepted + rejected; i++) {
            Instant at = Instant.parse(day + "T12:00:00Z");
            Lead lead = Lead.newLead(day + "-" + i).toBuilder().firstSeenAt(at).build()
                    .movedTo(new StageChange(Stage.LEAD, Stage.MQL, at, StageChange.SCORING, "reached", null));
            imported.add(lead.movedTo(new StageChange(Stage.MQL, i < accepted ? Stage.SQL : Stage.REJECTED,
                    at.plusSeconds(3600), "sam", "no budget", "f-" + day + "-" + i)));
        }
        leads.importLeads(imported);
    }

    @Test
    void announcesAWeekWithMostMqlsRejectedOnceHoweverOftenItRuns() {
        decided("2026-11-22", 5, 0); // the Sunday before W48
        decided("2026-11-23", 1, 2);
        decided("2026-11-29", 0, 1);
        decided("2026-11-30", 9, 0); // the Monday after

        AuditCheck.Result first = check.run(TUESDAY);
        AuditCheck.Result again = check.run(TUESDAY.plusSeconds(3600));

        assertEquals(List.of(4L, 3L), List.of(first.audit().report().decided(), first.audit().report().rejected()));
        assertEquals(List.of(true, false), List.of(first.announced(), again.announced()));
        assertEquals(List.of(new ModelNeedsReview("default", "2026-W48", LocalDate.parse("2026-11-23"),
                LocalDate.parse("2026-11-29"), 4, 4, 3)), outbox.forModel("default").stream()
                .map(Outbox.Record::event).toList());
    }

    @Test
    void aWeekWithHalfRejectedAnnouncesNothing() {
        decided("2026-11-24", 2, 2);

        AuditCheck.Result result = check.run(TUESDAY);

        assertEquals(false, result.audit().report().needsReview());
        assertEquals(false, result.announced());
        assertEquals(List.of(), outbox.forModel("default"));
    }

    @Test
    void theHandlerRunsTheScheduleAndRefusesAnotherModel() {
        decided("2026-11-25", 0, 1);
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("AuditFunction"));
        env.put("CLOCK_START", TUESDAY.toString());
        AuditHandler handler = new AuditHandler(new Environment(env));

        assertEquals(new AuditHandler.Summary("2026-W48", 1, 1, 1, true, true),
                handler.handleRequest(Map.of("model", "default"), null));
        assertEquals(new AuditHandler.Summary("2026-W48", 1, 1, 1, true, false),
                handler.handleRequest(Map.of("model", "default"), null));
        assertEquals("this audit is for model 'emea', but the function runs 'default' (set the ModelId parameter to"
                + " the model's id)", org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> handler.handleRequest(Map.of("model", "emea"), null)).getMessage());
    }
}
