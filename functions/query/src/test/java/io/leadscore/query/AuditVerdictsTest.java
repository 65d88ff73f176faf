package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.scoring.ScoringRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.query.QueryResponses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /v1/reports/audit as CRM verdicts arrive through the scoring code path on DynamoDB Local: a repeated verdict
 * counts once, and the re-evaluation warning comes at 51% rejected, not at 50%.
 */
class AuditVerdictsTest {
    private static final Instant NOV_2 = Instant.parse("2026-11-02T10:00:00Z");

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private QueryHandler handler;
    private FunnelData funnel;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        handler = new QueryHandler(new Environment(LocalFunctions.environment("QueryFunction")));
        funnel = FunnelData.onFreshTables(dynamoDb);
    }

    @ParameterizedTest
    @Event(value = "../../events/query/get-audit-report.json", type = APIGatewayV2HTTPEvent.class)
    void aRepeatedVerdictCountsOnce(APIGatewayV2HTTPEvent request) {
        Instant mql = funnel.qualify("lead-1", NOV_2, false);
        Feedback rejected = funnel.verdict("lead-1", FeedbackType.REJECTED, mql.plusSeconds(60), "No budget");

        ScoringRun scoring = funnel.scoring();
        assertEquals(ScoringRun.Verdict.Outcome.DUPLICATE, scoring.feedback(rejected).outcome());
        assertEquals(ScoringRun.Verdict.Outcome.DUPLICATE, scoring.feedback(new Feedback("lead-1",
                rejected.feedbackId(), FeedbackType.REJECTED, "no budget", "sam", rejected.at().plusSeconds(5)))
                .outcome());

        JsonNode audit = body(200, handler.handleRequest(request, null));
        assertEquals(List.of(1, 0, 1), List.of(audit.get("mqls").asInt(), audit.get("accepted").asInt(),
                audit.get("rejected").asInt()));
        assertEquals("[{\"reason\":\"no budget\",\"count\":1}]", audit.get("topRejectionReasons").toString());
        assertEquals(1, audit.at("/rules/0/rejected").asInt());
    }

    /**
     * November 2: 1 accepted; November 3: 49 accepted and 50 rejected; November 4: 1 rejected. So November 2-3 has
     * 50 of 100 decided MQLs rejected, November 3-4 51 of 100.
     */
    @ParameterizedTest
    @Event(value = "../../events/query/get-audit-report.json", type = APIGatewayV2HTTPEvent.class)
    void warnsAt51PercentRejectedNotAt50(APIGatewayV2HTTPEvent request) {
        decide("nov2", 0, 1, 0);
        decide("nov3", 1, 49, 50);
        decide("nov4", 2, 0, 1);

        request.setQueryStringParameters(Map.of("from", "2026-11-02", "to", "2026-11-03"));
        JsonNode fifty = body(200, handler.handleRequest(request, null));
        request.setQueryStringParameters(Map.of("from", "2026-11-03", "to", "2026-11-04"));
        JsonNode fiftyOne = body(200, handler.handleRequest(request, null));

        assertEquals(List.of(50, 100), List.of(fifty.get("rejected").asInt(), fifty.get("decided").asInt()));
        assertEquals(0.5, fifty.get("rejectionRate").asDouble());
        assertEquals(false, fifty.get("needsReview").asBoolean());
        assertTrue(fifty.get("warning").isNull());
        assertEquals(List.of(51, 100), List.of(fiftyOne.get("rejected").asInt(), fiftyOne.get("decided").asInt()));
        assertEquals(0.51, fiftyOne.get("rejectionRate").asDouble());
        assertEquals(true, fiftyOne.get("needsReview").asBoolean());
        assertEquals("More than half of the decided MQLs were rejected (51 of 100): the model needs re-evaluation"
                + " now.", fiftyOne.get("warning").asText());
    }

    /** MQLs on November 2 + {@code day}: {@code accepted} accepted, then {@code rejected} rejected. */
    private void decide(String prefix, int day, int accepted, int rejected) {
        for (int i = 0; i < accepted + rejected; i++) {
            String lead = prefix + "-" + i;
            Instant mql = funnel.qualify(lead, NOV_2.plus(Duration.ofDays(day)), false);
            boolean rejects = i >= accepted;
            funnel.verdict(lead, rejects ? FeedbackType.REJECTED : FeedbackType.ACCEPTED, mql.plusSeconds(60),
                    rejects ? "no budget" : null);
        }
    }
}
