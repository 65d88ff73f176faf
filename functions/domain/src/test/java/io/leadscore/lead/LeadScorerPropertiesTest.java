package io.leadscore.lead;

import io.leadscore.activity.Activity;
import io.leadscore.model.Cap;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.Rule;
import io.leadscore.model.ScoreGroup;
import io.leadscore.model.ScoringModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Disabled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of scoring over arbitrary journeys through the shipped model. */
class LeadScorerPropertiesTest {
    private static final ScoringModel MODEL = ModelLoader.defaultModel();
    private static final Map<String, Rule> RULES =
            MODEL.rules().stream().collect(Collectors.toMap(Rule::id, Function.identity()));
    private static final List<ScoreGroup> CAPPED_GROUPS =
            MODEL.groups().values().stream().filter(g -> g.cap() != null).toList();

    @Property(tries = 300)
    void everyPointIsExplainedByTheLedger(@ForAll("journeys") List<Activity> activities) {
        LeadJourney journey = LeadJourney.through(MODEL, activities);
        Lead lead = journey.lead();
        int running = 0;
        Map<String, Integer> earnedPerRule = new HashMap<>();
        for (LedgerEntry entry : journey.ledger()) {
            assertEquals(entry.change(), entry.contributions().stream().mapToInt(Contribution::points).sum());
            running += entry.change();
            assertEquals(running, entry.scoreAfter());
            entry.contributions().forEach(c -> earnedPerRule.merge(c.rule(), c.points(), Integer::sum));
        }

        assertEquals(running, lead.score());
        assertEquals(lead.score(), lead.fit() + lead.engagement());
        assertEquals(withoutZeros(earnedPerRule), withoutZeros(lead.breakdown().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().points()))));
    }

    @Property(tries = 300)
    void replayingTheSameActivitiesGivesTheSameLeadAndLedger(@ForAll("journeys") List<Activity> activities) {
        LeadJourney first = LeadJourney.through(MODEL, activities);
        LeadJourney replay = LeadJourney.through(MODEL, activities);

        assertEquals(first.lead(), replay.lead());
        assertEquals(first.ledger(), replay.ledger());
    }

    @Property(tries = 300)
    @StatisticsReport(onFailureOnly = true)
    void aCappedRuleNeverEarnsMoreOftenThanItsCapWhenEventsArriveInOrder(
            @ForAll("journeys") List<Activity> activities) {
        List<Activity> inOrder = activities.stream().sorted(Comparator.comparing(Activity::occurredAt)).toList();
        List<LedgerEntry> ledger = LeadJourney.through(MODEL, inOrder).ledger();

        assertCapsHeld(inOrder, ledger);

        // The property says nothing unless journeys do run into caps.
        Statistics.collect(ledger.stream().flatMap(e -> e.contributions().stream())
                .anyMatch(c -> c.note() != null && c.note().startsWith("capped:")));
        Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p > 50));
    }

    @Property(tries = 300)
    void aCappedRuleNeverEarnsMoreOftenThanItsCapWhateverTheArrivalOrder(
            @ForAll("journeys") List<Activity> activities) {
        assertCapsHeld(activities, LeadJourney.through(MODEL, activities).ledger());
    }

    /**
     * The shipped model's grouped rules all earn points; a negative one would make room under the cap.
     * Journeys arrive in time order here: late events are refused by frequency caps often enough that
     * shuffled journeys rarely fill a group, and the group cap does not depend on arrival order.
     */
    @Property(tries = 300)
    @StatisticsReport(onFailureOnly = true)
    void aGroupNeverHoldsMoreEngagementThanItsCap(@ForAll("journeys") List<Activity> activities) {
        List<Activity> inOrder = activities.stream().sorted(Comparator.comparing(Activity::occurredAt)).toList();
        Map<String, Integer> engagement = new HashMap<>();
        for (LedgerEntry entry : LeadJourney.through(MODEL, inOrder).ledger()) {
            entry.contributions().stream().filter(c -> c.kind() == ScoreKind.ENGAGEMENT && c.group() != null)
                    .forEach(c -> engagement.merge(c.group(), c.points(), Integer::sum));
            for (ScoreGroup group : CAPPED_GROUPS) {
                int points = engagement.getOrDefault(group.id(), 0);
                assertTrue(points <= group.cap(), () -> group.id() + " holds " + points + ", over its cap");
            }
        }

        // The property says nothing unless journeys do fill a group.
        Statistics.collect(engagement.getOrDefault("platform", 0).equals(MODEL.groups().get("platform").cap()));
        Statistics.coverage(coverage -> coverage.check(true).percentage(p -> p > 1));
    }

    /**
     * A week of one lead's activities, in arrival order, which is not always time order. Page views dominate,
     * buying-intent pages most, so that frequency and group caps are often reached.
     */
    @Provide
    Arbitrary<List<Activity>> journeys() {
        Arbitrary<Instant> times = Arbitraries.integers().between(0, 7 * 24 * 60).map(m -> T0.plus(ofMinutes(m)));
        Arbitrary<String> urls = Arbitraries.frequency(
                Tuple.of(4, "/pricing"), Tuple.of(1, "/pricing/enterprise"), Tuple.of(3, "/demo"),
                Tuple.of(2, "/products/analytics"), Tuple.of(1, "/customers/acme"), Tuple.of(1, "/case-studies/globex"),
                Tuple.of(1, "/careers"), Tuple.of(2, "/blog/post"), Tuple.of(1, "/"));
        Arbitrary<Activity> pageViews = Combinators.combine(urls, times).as(Activities::pageView);
        Arbitrary<Activity> forms = Combinators.combine(Arbitraries.of("demo-request", "contact-sales",
                "whitepaper-security", "whitepaper-cloud", "webinar-march", "newsletter"), times)
                .as(Activities::formSubmit);
        Arbitrary<Activity> emails = Combinators.combine(Arbitraries.of("email_open", "email_click"),
                Arbitraries.of("spring-launch", "weekly"), times).as((type, campaign, at) ->
                activity(type, at, Map.of("campaign", campaign)));
        Arbitrary<Activity> videos = Combinators.combine(Arbitraries.of("intro", "tour"),
                Arbitraries.integers().between(0, 100).map(String::valueOf), times).as(Activities::videoProgress);
        Arbitrary<Activity> profiles = Combinators.combine(
                Arbitraries.of("VP Engineering", "Student", "Software Engineer", "Head of Data", "Intern"),
                Arbitraries.of("saas", "retail"), Arbitraries.of("US", "JP"), times)
                .as((title, industry, country, at) ->
                        Activities.identify(Map.of("jobTitle", title, "industry", industry, "country", country), at));
        Arbitrary<Activity> unsubscribes = times.map(at -> activity("unsubscribe", at, Map.of()));

        return Arbitraries.frequencyOf(Tuple.of(12, pageViews), Tuple.of(3, forms), Tuple.of(2, emails),
                        Tuple.of(2, videos), Tuple.of(2, profiles), Tuple.of(1, unsubscribes))
                .list().ofMinSize(20).ofMaxSize(120);
    }

    /** Within any window of a cap's length, starting at a hit, there are at most as many hits as it allows. */
    private static void assertCapsHeld(List<Activity> activities, List<LedgerEntry> ledger) {
        record Counter(Rule rule, Object value) {
        }
        Map<Counter, List<Instant>> hits = new HashMap<>();
        for (int i = 0; i < activities.size(); i++) {
            Activity activity = activities.get(i);
            for (Contribution c : ledger.get(i).contributions()) {
                Rule rule = RULES.get(c.rule());
                boolean refused = c.note() != null && c.note().startsWith("capped:");
                if (rule != null && rule.cap() != null && !refused) {
                    Object value = rule.cap().perField() == null ? null : activity.property(rule.cap().perField());
                    hits.computeIfAbsent(new Counter(rule, value), k -> new ArrayList<>()).add(activity.occurredAt());
                }
            }
        }
        hits.forEach((counter, times) -> {
            Cap cap = counter.rule().cap();
            for (Instant start : times) {
                long inWindow = times.stream().filter(t -> !t.isBefore(start)
                        && (cap.window() == null || t.isBefore(start.plus(cap.window())))).count();
                assertTrue(inWindow <= cap.times(), () -> counter.rule().id()
                        + (counter.value() == null ? "" : " for " + counter.value()) + " earned " + inWindow
                        + " times from " + start + ", " + cap.describe() + ": " + times);
            }
        });
    }

    private static Map<String, Integer> withoutZeros(Map<String, Integer> points) {
        return points.entrySet().stream().filter(e -> e.getValue() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
