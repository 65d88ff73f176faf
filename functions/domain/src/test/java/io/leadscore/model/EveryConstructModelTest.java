package io.leadscore.model;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Contribution;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lead.Scored;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadscore.model.ModelProblems.assertProblem;
import static io.leadscore.model.ModelProblems.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example model that uses every construct of the language ({@code events/admin/every-construct-model.yaml}, which
 * the README points to and the rule-evaluation benchmark runs): it loads, a lead's history under it is explained rule
 * by rule, and a mistake in each construct is refused with its place.
 */
class EveryConstructModelTest {
    static final Path FILE = Path.of("../../events/admin/every-construct-model.yaml");
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(200));
    private final ScoringModel model = ModelLoader.load(FILE.toString());
    private final LeadScorer scorer = new LeadScorer(model);

    @Test
    void usesEveryConstruct() {
        List<Rule> rules = model.rules();
        assertTrue(rules.stream().anyMatch(r -> r.events().size() > 1), "several event types");
        assertTrue(rules.stream().anyMatch(r -> r.when() instanceof Condition.All all
                && all.parts().stream().anyMatch(Condition.Any.class::isInstance)
                && all.parts().stream().anyMatch(Condition.Not.class::isInstance)), "any and not");
        assertTrue(rules.stream().anyMatch(r -> r.pattern() instanceof EventPattern.Count), "a count in a window");
        assertTrue(rules.stream().anyMatch(r -> r.pattern() instanceof EventPattern.Sequence), "a sequence");
        assertTrue(rules.stream().anyMatch(r -> r.events().contains("page_engaged")
                && r.when().fields().anyMatch(f -> f.field().equals("seconds"))), "time on page");
        assertTrue(rules.stream().anyMatch(r -> r.expires() != null), "expiring points");
        assertTrue(model.markets().stream().anyMatch(m -> m.multiplies() && !m.thresholds().isEmpty()), "markets");
        assertNotEquals(Competitors.NONE, model.competitors(), "competitors");
    }

    @Test
    void explainsALeadsScoreRuleByRule() {
        Lead lead = Lead.newLead("mia");
        lead = apply(lead, "identify", 0, Map.of("email", "mia@acme.example", "company", "Acme",
                "jobTitle", "VP Marketing", "industry", "software", "companySize", new BigDecimal(300), "country", "DE"))
                .lead();
        assertEquals(35, lead.fit());
        lead = apply(lead, "page_view", 24, Map.of("url", "https://acme.example/customers/globex-story")).lead();
        Scored firstPricing = apply(lead, "page_view", 48, Map.of("url", "https://acme.example/pricing"));
        // EMEA's multiplier: 5 -> 6 (6.25), 10 -> 13 (12.5 rounds half up).
        assertEquals(List.of(
                new Contribution("pricing-page", ScoreKind.ENGAGEMENT, null, 6, "x1.25 (market emea)"),
                new Contribution("pricing-binge", ScoreKind.ENGAGEMENT, null, 0, "1 of 3 within 7d"),
                new Contribution("case-study-then-pricing", ScoreKind.ENGAGEMENT, null, 13,
                        "after page_view within 14d; x1.25 (market emea)")), firstPricing.entry().contributions());
        lead = apply(firstPricing.lead(), "page_engaged", 49, Map.of("url", "https://acme.example/pricing",
                "seconds", new BigDecimal(45))).lead();
        lead = apply(lead, "page_view", 96, Map.of("url", "https://acme.example/pricing")).lead();
        // The view of day 3 arrives after day 4's: it completes the count at its own time.
        Scored late = apply(lead, "page_view", 72, Map.of("url", "https://acme.example/pricing"));
        assertEquals(new Contribution("pricing-binge", ScoreKind.ENGAGEMENT, null, 19, "3 within 7d; x1.25 (market emea)"),
                late.entry().contributions().get(1));
        // 91 points: over EMEA's 80 (the model's own line is 100), and the qualification says so.
        assertEquals(35 + 6 + 13 + 6 + 6 + 6 + 19, late.lead().score());
        assertEquals(List.of("emea"), late.crossings().stream().map(Crossing::market).toList());
        Scored demo = apply(late.lead(), "click", 120, Map.of("element", "book-demo"));
        assertEquals(91 + 25, demo.lead().score());

        // A job change takes the senior title's points back, naming the change; a move to a competitor takes all fit.
        Scored student = apply(demo.lead(), "profile_update", 130, Map.of("jobTitle", "Student"));
        assertTrue(student.entry().contributions().stream().anyMatch(c -> c.rule().equals("senior-title")
                && c.points() == -15 && c.note().contains("jobTitle")), student.entry().toString());
        Scored competitor = apply(student.lead(), "profile_update", 140, Map.of("company", "Globex"));
        assertEquals(0, competitor.lead().fit());
        assertTrue(competitor.entry().contributions().stream().allMatch(c -> c.note().contains("Globex")),
                competitor.entry().toString());
    }

    @Test
    void refusesAMistakeInEachConstructNamingItsPlace() throws Exception {
        String yaml = Files.readString(FILE);
        List<String> problems = problems(yaml
                .replace("event: [click, form_submit]", "event: [click, webinar]")
                .replace("not: { profile.jobTitle", "not: { profile.title")
                .replace("count: { atLeast: 3, within: 7d }", "count: { atLeast: 3, within: 7days }")
                .replace("after: { event: page_view,", "after: { event: page_view, times: 2,")
                .replace("seconds: { atLeast: 30 }", "seconds: { atLeast: 100000 }")
                .replace("expires: 90d", "expires: soon")
                .replace("multiplier: 1.25", "multiplier: 20")
                .replace("      - company: { in: [Globex, Initech] }", "      - employer: { in: [Globex, Initech] }"));

        assertProblem(problems, "rules[0].event: unknown event type 'webinar'");
        assertProblem(problems, "rules[0].when.not.profile.title: unknown field 'profile.title'");
        assertProblem(problems, "rules[3].count.within: must be like 12h, 30d or 2w");
        assertProblem(problems, "rules[4].after.times: unknown key 'times'");
        assertProblem(problems, "rules[2].when.seconds.atLeast: bounds engaged seconds");
        assertProblem(problems, "rules[1].expires: must be like 12h, 30d or 2w");
        assertProblem(problems, "markets.emea.multiplier: must be a number from 0.1 to 10");
        assertProblem(problems, "competitors.when.any[0].employer: unknown field 'employer'");
        assertEquals(8, problems.size(), String.join("\n", problems));
    }

    private Scored apply(Lead lead, String type, int hours, Map<String, Object> properties) {
        Instant at = T0.plus(Duration.ofHours(hours));
        return scorer.apply(lead, new Activity("evt-" + type + "-" + hours, type, lead.id(), at, properties, "www", at),
                NOW);
    }
}
