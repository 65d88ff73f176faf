package io.leadscore.prediction;

import io.leadscore.activity.Activity;
import io.leadscore.activity.EventIds;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.Prediction;
import io.leadscore.model.ScoringModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A lead's features on hand-made states, each value known in advance, and the probability worked out by hand. */
class LeadFeaturesTest {
    static final String YAML = """
            model: features
            eventTypes:
              page_view: { requires: [url] }
              identify: {}
            profileFields:
              jobTitle: string
              country: string
            thresholds:
              salesReady: 100
            groups:
              platform:
                name: Platform
            rules:
              - id: pricing-page
                description: Viewed the pricing page
                event: page_view
                when: { url: { glob: "*/pricing*" } }
                points: 15
                group: platform
                cap: { times: 2, per: day }
              - id: blog
                description: Read the blog
                event: page_view
                when: { url: { glob: "*/blog*" } }
                points: 1
            fit:
              - id: senior-title
                description: Senior title
                when: { jobTitle: { regex: "(?i)\\\\bvp\\\\b" } }
                points: 10
              - id: served-country
                description: Served country
                when: { country: { in: [US] } }
                points: 5
            """;
    static final ScoringModel MODEL = ModelLoader.parse(YAML, "test");
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void namesEachRulesHitsAndWindowsThenFitGroupsRecencyAndAccount() {
        assertEquals(List.of("rule:pricing-page:hits", "rule:pricing-page:7d", "rule:pricing-page:30d",
                "rule:pricing-page:90d", "rule:blog:hits", "rule:blog:7d", "rule:blog:30d", "rule:blog:90d",
                "fit:senior-title", "fit:served-country", "group:platform", "recency", "account"),
                new LeadFeatures(MODEL).names());
    }

    @Test
    void windowsCountALastFiringStrictlyWithinTheirDays() {
        Instant at = T0.plus(Duration.ofDays(100));
        Lead lead = lead(Map.of(
                "pricing-page", new RuleTally(ScoreKind.ENGAGEMENT, "platform", 30, 2, at.minus(Duration.ofDays(7))),
                "blog", new RuleTally(ScoreKind.ENGAGEMENT, null, 3, 3, at.minus(Duration.ofDays(90))
                        .plusSeconds(1))), null, at.minus(Duration.ofDays(7)));

        double[] values = new LeadFeatures(MODEL).of(lead, 0, at);

        // pricing-page: exactly 7 days ago is outside 7d, inside 30d and 90d; blog: a second under 90 days.
        assertArrayEquals(new double[]{2, 0, 1, 1, 3, 0, 0, 1, 0, 0, 30, 7, 0}, values);
        assertEquals(1, new LeadFeatures(MODEL).of(lead, 0, at.minusSeconds(1))[1], "a second earlier: inside 7d");
    }

    @Test
    void aCappedFiringIsNoHitAndNoLastFiring() {
        LeadScorer scorer = new LeadScorer(MODEL);
        Lead lead = Lead.newLead("lead-1");
        for (int i = 0; i < 3; i++) { // the cap is two a day: the third view earns nothing
            lead = scorer.apply(lead, pageView("/pricing", T0.plus(Duration.ofHours(i))), T0).lead();
        }

        double[] values = new LeadFeatures(MODEL).of(lead, 0, T0.plus(Duration.ofHours(2)));

        assertEquals(2, values[0], "hits: two firings, the capped third not counted");
        assertEquals(30, values[10], "the group's points");
        assertEquals(1.0 / 24, values[11], 1e-12, "recency: the last increase was the second view, an hour before");
    }

    @Test
    void aFitRuleCountsOnlyWhileItHolds() {
        LeadScorer scorer = new LeadScorer(MODEL);
        Lead lead = scorer.apply(Lead.newLead("lead-1"), identify(Map.of("jobTitle", "VP Sales", "country", "FR"), T0),
                T0).lead();
        LeadFeatures features = new LeadFeatures(MODEL);

        assertEquals(List.of(1.0, 0.0), fit(features.of(lead, 0, T0)), "senior title holds, the country does not");

        lead = scorer.apply(lead, identify(Map.of("jobTitle", "Intern", "country", "US"), T0.plusSeconds(60)), T0)
                .lead();
        assertEquals(List.of(0.0, 1.0), fit(features.of(lead, 0, T0.plusSeconds(60))), "the title changed: it no"
                + " longer holds");
    }

    @Test
    void aLeadWithNoAccountAndNoHistoryReadsZerosAndTheLongestRecency() {
        double[] values = new LeadFeatures(MODEL).of(Lead.newLead("nobody"), 0, T0);

        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, LeadFeatures.RECENCY_DAYS, 0}, values);
    }

    @Test
    void recencyRunsFromFirstSeenWithoutAnIncreaseAndStopsAtAYear() {
        Lead seen = Lead.newLead("seen").toBuilder().firstSeenAt(T0).build();
        LeadFeatures features = new LeadFeatures(MODEL);

        assertEquals(3.5, features.of(seen, 0, T0.plus(Duration.ofHours(84)))[11], 1e-12);
        assertEquals(365, features.of(seen, 0, T0.plus(Duration.ofDays(400)))[11]);
        assertEquals(42, features.of(seen, 42, T0)[12], "the account's score as given");
    }

    @Test
    void theProbabilityIsTheLogisticOfTheWeightedFeatures() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("rule:pricing-page:hits", 0.5);
        weights.put("rule:pricing-page:30d", 1.0);
        weights.put("fit:senior-title", 0.75);
        weights.put("recency", -0.1);
        weights.put("account", 0.01);
        weights.put("rule:no-such-rule:hits", 100.0); // a name this model does not have counts for nothing
        Prediction prediction = new Prediction(Prediction.Label.OPPORTUNITY, Duration.ofDays(90), -2, weights);
        Instant at = T0.plus(Duration.ofDays(10));
        Lead lead = lead(Map.of(
                "pricing-page", new RuleTally(ScoreKind.ENGAGEMENT, "platform", 30, 2, T0),
                "senior-title", new RuleTally(ScoreKind.FIT, null, 10, 1, T0)), null, T0);

        double probability = new Likelihood(MODEL, prediction).of(lead, 40, at);

        // logit = -2 + 0.5 * 2 hits + 1.0 * (fired 10 days ago: within 30d) + 0.75 * senior + -0.1 * 10 days
        //         + 0.01 * 40 account points = 0.15
        assertEquals(1 / (1 + Math.exp(-0.15)), probability, 1e-15);
        assertEquals(0.5374298453437496, probability, 1e-15);
    }

    private static List<Double> fit(double[] values) {
        return List.of(values[8], values[9]);
    }

    private static Lead lead(Map<String, RuleTally> breakdown, Instant firstSeenAt, Instant lastIncreaseAt) {
        return Lead.newLead("lead-1").toBuilder().breakdown(breakdown).firstSeenAt(firstSeenAt)
                .lastScoreIncreaseAt(lastIncreaseAt).build();
    }

    private static Activity pageView(String path, Instant at) {
        return activity("page_view", at, Map.of("url", "https://example.com" + path));
    }

    private static Activity identify(Map<String, Object> profile, Instant at) {
        return activity("identify", at, profile);
    }

    private static Activity activity(String type, Instant at, Map<String, Object> properties) {
        return new Activity(EventIds.derive("site-1", "lead-1", type, at, properties), type, "lead-1", at,
                properties, "site-1", at);
    }
}
