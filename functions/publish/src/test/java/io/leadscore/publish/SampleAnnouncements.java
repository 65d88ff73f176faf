package io.leadscore.publish;

import io.leadscore.activity.Retention;
import io.leadscore.scoring.ScoringRun;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.leadscore.activity.Activity;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The story behind events/publish/outbox-records.json, written through the adapters exactly as the score and decay
 * functions write it, so that the table holds the announcements the sample batch carries:
 * <ul>
 *   <li>Dana (lead-42), a VP at a software company, reads the pricing and demo pages and requests a demo: she
 *       becomes sales-ready on her total score (115 of 100) and in the platform group (85 of 80) with the same
 *       event, two {@code LeadQualified} records of one transaction;</li>
 *   <li>Jonas (lead-77) downloaded one whitepaper on 1 October and never came back: the hourly sweep of 23 November
 *       takes him cold (45 days without a score increase), a {@code LeadWentCold} record.</li>
 * </ul>
 * The sample's images are the stream records of {@link #write} (keys reordered for reading, ARN and region as in AWS);
 * PublishHandlerTest checks that they still are, and names the record to regenerate when Outbox changes.
 */
final class SampleAnnouncements {
    static final String SAMPLE_BATCH = "../../events/publish/outbox-records.json";

    static final String DANA = "lead-42";
    static final String JONAS = "lead-77";
    static final String DANA_SALES_READY = "lead-42/salesReady/1";
    static final String DANA_PLATFORM_SALES_READY = "lead-42/platform:salesReady/1";

    /** Dana's demo request: the event that qualifies her. */
    static final Instant DEMO_REQUESTED_AT = Instant.parse("2026-11-23T10:02:00Z");
    /** Jonas's whitepaper download, his last score increase. */
    static final Instant JONAS_LAST_ENGAGED_AT = Instant.parse("2026-10-01T09:01:00Z");
    /** The model's cold period (45 days) later. */
    static final Instant JONAS_WENT_COLD_AT = JONAS_LAST_ENGAGED_AT.plus(Duration.ofDays(45));
    static final String JONAS_WENT_COLD = "lead-77/cold/" + JONAS_WENT_COLD_AT.getEpochSecond();
    /** When the sweep that takes Jonas cold runs. */
    static final Instant SWEPT_AT = Instant.parse("2026-11-23T11:00:00Z");

    private static final ScoringModel MODEL = ModelLoader.defaultModel();
    private static final String TABLE = "LeadScoreTable";

    private SampleAnnouncements() {
    }

    /** The sample batch, as Lambda delivers it to the function. */
    static DynamodbEvent batch() {
        return EventLoader.loadDynamoDbEvent(SAMPLE_BATCH);
    }

    /** Scores Dana and Jonas and sweeps, leaving the sample's three announcements in the outbox, unpublished. */
    static void write(LocalDynamoDb dynamoDb) {
        score(dynamoDb, JONAS_LAST_ENGAGED_AT, JONAS, List.of(
                activity(JONAS, "evt-0101", "identify", JONAS_LAST_ENGAGED_AT.minusSeconds(60), Map.of(
                        "email", "jonas@globex.example", "firstName", "Jonas", "company", "Globex",
                        "jobTitle", "Marketing Manager", "country", "DE")),
                activity(JONAS, "evt-0102", "form_submit", JONAS_LAST_ENGAGED_AT,
                        Map.of("formId", "whitepaper-lead-scoring"))));

        Instant demo = DEMO_REQUESTED_AT;
        List<Activity> dana = List.of(
                activity(DANA, "evt-0001", "identify", demo.minusSeconds(360), Map.of("email", "dana@acme.example",
                        "firstName", "Dana", "lastName", "Diaz", "company", "Acme", "jobTitle", "VP Engineering",
                        "industry", "software", "companySize", new BigDecimal(250), "country", "US")),
                pageView(DANA, "evt-0002", demo.minusSeconds(300), "https://acme.example/pricing"),
                pageView(DANA, "evt-0003", demo.minusSeconds(240), "https://acme.example/pricing"),
                pageView(DANA, "evt-0004", demo.minusSeconds(180), "https://acme.example/pricing"),
                pageView(DANA, "evt-0005", demo.minusSeconds(120), "https://acme.example/demo"),
                pageView(DANA, "evt-0006", demo.minusSeconds(60), "https://acme.example/demo"),
                activity(DANA, "evt-0007", "form_submit", demo, Map.of("formId", "demo-request")));
        score(dynamoDb, DEMO_REQUESTED_AT.plusMillis(180), DANA, dana);

        scoring(dynamoDb, SWEPT_AT.plusMillis(850)).decay(JONAS, SWEPT_AT);
    }

    private static void score(LocalDynamoDb dynamoDb, Instant now, String leadId, List<Activity> activities) {
        ScoringRun scoring = scoring(dynamoDb, now);
        scoring.groups(Map.of(leadId, activities)).forEach(scoring::apply);
    }

    /** Scoring as a function does it whose clock reads {@code now}: records written then say so. */
    private static ScoringRun scoring(LocalDynamoDb dynamoDb, Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new ScoringRun(new LeadStore(dynamoDb.client(), dynamoDb.tableName(TABLE), clock, Retention.DEFAULT), MODEL, clock);
    }

    private static Activity pageView(String leadId, String eventId, Instant at, String url) {
        return activity(leadId, eventId, "page_view", at, Map.of("url", url));
    }

    private static Activity activity(String leadId, String eventId, String type, Instant at,
                                     Map<String, Object> properties) {
        return new Activity(eventId, type, leadId, at, properties, "acme-site", at.plusMillis(120));
    }
}
