package io.leadscore.revision;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Contribution;
import io.leadscore.lead.Lead;
import io.leadscore.lead.Scored;
import io.leadscore.model.ScoringModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static io.leadscore.revision.Histories.T0;
import static io.leadscore.revision.Histories.activity;
import static io.leadscore.revision.Histories.live;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-scoring's promises over random histories of the shipped model's events, spread over months. */
class RescorerPropertiesTest {
    private static final ScoringModel FIRST = RescorerTest.FIRST;

    /** Revisions a quarterly review might make, each changing one thing. */
    private static final List<ScoringModel> REVIEWS = List.of(
            RescorerTest.second("points: 15\n    group: platform", "points: 5\n    group: platform"),
            RescorerTest.second("salesReady: { points: 100, rearmBelow: 90 }", "salesReady: 40"),
            RescorerTest.second("by: 10%", "by: 30%"),
            RescorerTest.second("cold:\n  after: 45d", "cold:\n  after: 8d"),
            RescorerTest.second("    cap: { times: 1, per: week }", "    cap: { times: 3, per: week }"),
            RescorerTest.second("atMost: 5000 } }\n    points: 10", "atMost: 5000 } }\n    points: 25"));

    /** One lead's history in time order, a minute or more apart, over up to about a year. */
    record History(List<Activity> activities, List<Instant> sweeps, Instant now) {
    }

    @Provide
    Arbitrary<History> histories() {
        // Mostly bursts (minutes to hours apart), sometimes weeks of silence: so scores build up, then decay.
        Arbitrary<Integer> gap = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(1, 600)),
                Tuple.of(1, Arbitraries.integers().between(600, 60 * 24 * 60)));
        Arbitrary<List<Integer>> gaps = gap.list().ofMinSize(1).ofMaxSize(25);
        Arbitrary<List<Integer>> kinds = Arbitraries.integers().between(0, 13).list().ofSize(25);
        return Combinators.combine(gaps, kinds, Arbitraries.integers().between(0, 120), Arbitraries.longs())
                .as((minutes, kind, daysAfter, seed) -> {
                    List<Activity> activities = new ArrayList<>();
                    Instant at = T0;
                    for (int i = 0; i < minutes.size(); i++) {
                        at = at.plus(Duration.ofMinutes(minutes.get(i)));
                        activities.add(event(kind.get(i), i, at));
                    }
                    Instant now = at.plus(Duration.ofDays(daysAfter));
                    Random random = new Random(seed);
                    List<Instant> sweeps = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        sweeps.add(T0.plusSeconds((long) (random.nextDouble() * Duration.between(T0, now).getSeconds())));
                    }
                    Collections.sort(sweeps);
                    return new History(activities, sweeps, now);
                });
    }

    @Property(tries = 200)
    void aLeadScoredLiveInTimeOrderIsGivenBackByItsReplay(@ForAll("histories") History history) {
        Lead stored = live(FIRST, "lead-1", history.activities(), history.sweeps(), history.now());
        List<Activity> asRead = new ArrayList<>(history.activities());
        Collections.shuffle(asRead, new Random(history.activities().size()));

        assertEquals(stored.withRevision(0), new Rescorer(FIRST).replay("lead-1", asRead, List.of(), history.now()));
        assertEquals(Optional.empty(), new Rescorer(FIRST).rescore(stored, asRead, history.now(), true));

        Statistics.label("decayed").collect(stored.breakdown().containsKey("decay"));
        Statistics.label("cold").collect(stored.isCold());
        Statistics.label("qualified once").collect(stored.qualifications().containsKey("salesReady"));
        // Not vacuous: about a fifth of the leads decay, a quarter go cold, a tenth qualify (checked well below).
        Statistics.label("decayed").coverage(c -> c.check(true).percentage(p -> p > 5));
        Statistics.label("cold").coverage(c -> c.check(true).percentage(p -> p > 10));
        Statistics.label("qualified once").coverage(c -> c.check(true).percentage(p -> p > 3));
    }

    @Property(tries = 200)
    void aRescoreIsExplainedByItsEntryAndRescoringAgainChangesNothing(
            @ForAll("histories") History history, @ForAll @IntRange(min = 0, max = 5) int review,
            @ForAll boolean announce) {
        Lead stored = live(FIRST, "lead-1", history.activities(), history.sweeps(), history.now());
        Rescorer rescorer = new Rescorer(REVIEWS.get(review));

        Optional<Scored> rescored = rescorer.rescore(stored, history.activities(), history.now(), announce);

        Lead replayed = rescorer.replay("lead-1", history.activities(), List.of(), history.now());
        Statistics.label("changed").collect(rescored.isPresent());
        Statistics.label("changed").coverage(c -> {
            c.check(true).percentage(p -> p > 25); // about half
            c.check(false).percentage(p -> p > 3);
        });
        if (rescored.isEmpty()) {
            assertEquals(stored.score(), replayed.score());
            return;
        }
        Scored scored = rescored.get();
        assertEquals(replayed.breakdown(), scored.lead().breakdown(), "scores are the replay's");
        assertEquals(scored.lead().score() - stored.score(), scored.entry().change());
        assertEquals(scored.lead().score(), scored.entry().scoreAfter());
        for (Contribution line : scored.entry().contributions()) {
            int before = stored.breakdown().containsKey(line.rule()) ? stored.breakdown().get(line.rule()).points() : 0;
            assertEquals(before + " -> " + (before + line.points()), line.note());
        }
        scored.lead().qualifications().forEach((key, state) -> assertTrue(
                state.cycles() >= stored.qualifications().getOrDefault(key, state).cycles(), "cycles never go back"));
        if (!announce) {
            assertEquals(List.of(), scored.crossings());
        }
        assertEquals(Optional.empty(), rescorer.rescore(scored.lead(), history.activities(), history.now(), announce),
                "a re-score applied, or retried, is not applied twice");
    }

    /** Fourteen kinds of event, most of them scoring, some not. */
    private static Activity event(int kind, int i, Instant at) {
        String lead = "lead-1";
        return switch (kind) {
            case 0, 1 -> activity(lead, "page_view", at, Map.of("url", "https://x.example/pricing"));
            case 2 -> activity(lead, "page_view", at, Map.of("url", "https://x.example/demo"));
            case 3 -> activity(lead, "page_view", at, Map.of("url", "https://x.example/products/analytics"));
            case 4 -> activity(lead, "page_view", at, Map.of("url", "https://x.example/customers/c" + i % 3));
            case 5 -> activity(lead, "page_view", at, Map.of("url", "https://x.example/careers"));
            case 6 -> activity(lead, "form_submit", at, Map.of("formId", "demo-request"));
            case 7 -> activity(lead, "form_submit", at, Map.of("formId", "whitepaper-" + i % 4));
            case 8 -> activity(lead, "email_click", at, Map.of("campaign", "c" + i % 5));
            case 9 -> activity(lead, "video_progress", at, Map.of("videoId", "v" + i % 2,
                    "percent", new BigDecimal(i % 2 == 0 ? 95 : 55)));
            case 10 -> activity(lead, "click", at, Map.of("element", "talk-to-sales"));
            case 11 -> activity(lead, "identify", at, i % 2 == 0 ? Histories.vp()
                    : Map.of("jobTitle", "Student", "country", "BR", "email", "s@gmail.com"));
            case 12 -> activity(lead, "unsubscribe", at, Map.of());
            default -> activity(lead, "page_view", at, Map.of("url", "https://x.example/blog/" + i));
        };
    }
}
