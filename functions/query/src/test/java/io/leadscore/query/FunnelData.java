package io.leadscore.query;

import io.leadscore.activity.Activity;
import io.leadscore.activity.Retention;
import io.leadscore.aws.dynamodb.LeadStore;
import io.leadscore.lifecycle.Feedback;
import io.leadscore.lifecycle.FeedbackType;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Leads that become MQLs by their activities under the shipped model, and the CRM's verdicts on them, through the
 * scoring code path: a senior title at a company of 400 (fit 15), software in the US (15), a demo request (20), a
 * whitepaper (10) and three pricing views (45) cross 100 at the last, six minutes after the first.
 */
final class FunnelData {
    /** From a lead's first activity to its MQL. */
    static final Duration TO_MQL = Duration.ofMinutes(6);

    private final ScoringRun scoring;
    private int feedbackIds;

    FunnelData(ScoringRun scoring) {
        this.scoring = scoring;
    }

    /** Scoring under the shipped model into the table of {@code dynamoDb}. */
    static FunnelData onFreshTables(LocalDynamoDb dynamoDb) {
        return new FunnelData(new ScoringRun(new LeadStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"),
                Clock.systemUTC(), Retention.DEFAULT), ModelLoader.defaultModel(), Clock.systemUTC()));
    }

    ScoringRun scoring() {
        return scoring;
    }

    /** The lead becomes an MQL at {@code start} + {@link #TO_MQL}; with a webinar registration a minute before. */
    Instant qualify(String leadId, Instant start, boolean webinar) {
        List<Activity> activities = new ArrayList<>();
        if (webinar) {
            activities.add(activity(leadId, "form_submit", start.minusSeconds(60), Map.of("formId", "webinar-q4")));
        }
        activities.add(activity(leadId, "identify", start, Map.of("jobTitle", "Director of IT",
                "companySize", new BigDecimal(400))));
        activities.add(activity(leadId, "profile_update", start.plusSeconds(60), Map.of("industry", "software",
                "country", "US")));
        activities.add(activity(leadId, "form_submit", start.plusSeconds(120), Map.of("formId", "demo-request")));
        activities.add(activity(leadId, "form_submit", start.plusSeconds(180), Map.of("formId", "whitepaper-roi")));
        for (int view = 0; view < 3; view++) {
            activities.add(activity(leadId, "page_view", start.plusSeconds(240 + 60L * view),
                    Map.of("url", "https://acme.example/pricing")));
        }
        scoring.groups(Map.of(leadId, activities)).forEach(scoring::apply);
        return start.plus(TO_MQL);
    }

    /** A verdict with a new feedback id, which must apply. */
    Feedback verdict(String leadId, FeedbackType type, Instant at, String reason) {
        Feedback feedback = new Feedback(leadId, "crm-" + ++feedbackIds, type, reason, "sam", at);
        assertEquals(ScoringRun.Verdict.Outcome.APPLIED, scoring.feedback(feedback).outcome(), feedback.toString());
        return feedback;
    }

    private static Activity activity(String leadId, String type, Instant at, Map<String, Object> properties) {
        return new Activity(leadId + "-" + at.getEpochSecond() + "-" + type, type, leadId, at, properties,
                "acme-site", at);
    }
}
