package io.leadscore.scoring;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.RuleTally;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.Rule;
import io.leadscore.model.ScoringModel;
import io.leadscore.revision.Rescorer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Expiring points through live scoring and sweeps, events arriving in any order: the score is always what the grants
 * not yet expired add up to, and what a replay from scratch gives.
 */
class ExpiringPointsPropertiesTest {
    private static final ScoringModel MODEL = ModelLoader.parse("""
            model: only-expiring
            eventTypes: { page_view: {}, webinar: {}, email_unsubscribe: {} }
            thresholds: { salesReady: { points: 40, rearmBelow: 30 } }
            decay: none
            cold: none
            rules:
              - { id: visit, event: page_view, points: 5, expires: 3d }
              - { id: webinar, event: webinar, points: 20, expires: 2w }
              - { id: unsubscribed, event: email_unsubscribe, points: -25, expires: 10d }
            """, "test");
    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private static final String LEAD = "lead-1";

    /** An event {@code hours} after T0, delivered {@code arrival}-th, with a sweep after it {@code sweepAt} hours in. */
    record Delivery(int hours, String type, int arrival, Integer sweepAt) {
    }

    @Provide
    Arbitrary<List<Delivery>> deliveries() {
        Arbitrary<Delivery> delivery = Combinators.combine(Arbitraries.integers().between(0, 24 * 30),
                Arbitraries.of("page_view", "webinar", "email_unsubscribe"), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 24 * 40).injectNull(0.6)).as(Delivery::new);
        return delivery.list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 200)
    void theScoreIsTheSumOfTheUnexpiredGrantsWhateverTheArrivalOrder(
            @ForAll("deliveries") List<Delivery> deliveries, @ForAll @IntRange(min = 0, max = 24 * 20) int extra) {
        GuardedMemoryStore store = new GuardedMemoryStore();
        ScoringRun run = new ScoringRun(store, MODEL, Clock.fixed(T0, ZoneOffset.UTC));
        List<Activity> history = new ArrayList<>();
        Instant last = T0;
        List<Delivery> arrivals = deliveries.stream().sorted(Comparator.comparingInt(Delivery::arrival)).toList();
        for (int i = 0; i < arrivals.size(); i++) {
            Delivery delivery = arrivals.get(i);
            Instant at = T0.plus(Duration.ofHours(delivery.hours()));
            Activity activity = new Activity("e" + i, delivery.type(), LEAD, at, Map.of(), "site", at);
            history.add(activity);
            run.apply(new ScoringRun.Group(Map.of(LEAD, List.of(activity)), null));
            last = at.isAfter(last) ? at : last;
            if (delivery.sweepAt() != null) {
                Instant sweep = T0.plus(Duration.ofHours(delivery.sweepAt()));
                run.decay(LEAD, sweep);
                last = sweep.isAfter(last) ? sweep : last;
            }
        }
        Instant end = last.plus(Duration.ofHours(extra));

        run.decay(LEAD, end);

        Lead lead = store.leads.get(LEAD);
        int standing = history.stream().mapToInt(a -> {
            Rule rule = MODEL.rulesFor(a.type()).get(0);
            return a.occurredAt().plus(rule.expires()).isAfter(end) ? rule.points() : 0;
        }).sum();
        assertEquals(standing, lead.score());
        assertEquals(lead.breakdown().values().stream().mapToInt(RuleTally::points).sum(), lead.score());
        assertEquals(standing, new Rescorer(MODEL).replay(LEAD, history, List.of(), end).score());
        List<LedgerEntry> ledger = store.ledger(LEAD);
        assertEquals(lead.score(), ledger.stream().mapToInt(LedgerEntry::change).sum(), "the ledger explains it");
    }

    @Test
    void anEventAfterItsLeadsPointsExpiredTakesThoseExpiriesFirst() {
        GuardedMemoryStore store = new GuardedMemoryStore();
        ScoringRun run = new ScoringRun(store, MODEL, Clock.fixed(T0, ZoneOffset.UTC));
        Activity webinar = new Activity("w", "webinar", LEAD, T0, Map.of(), "site", T0);
        Instant later = T0.plus(Duration.ofDays(20));
        Activity visit = new Activity("v", "page_view", LEAD, later, Map.of(), "site", later);
        run.apply(new ScoringRun.Group(Map.of(LEAD, List.of(webinar)), null));

        run.apply(new ScoringRun.Group(Map.of(LEAD, List.of(visit)), null)); // no sweep in between

        List<LedgerEntry> ledger = store.ledger(LEAD);
        assertEquals(List.of("event", "expiry", "event"), ledger.stream().map(LedgerEntry::reason).toList());
        assertEquals(T0.plus(Duration.ofDays(14)), ledger.get(1).occurredAt());
        assertEquals(List.of(20, 0, 5), ledger.stream().map(LedgerEntry::scoreAfter).toList());
        assertEquals(new Rescorer(MODEL).replay(LEAD, List.of(webinar, visit), List.of(), later),
                store.leads.get(LEAD).toBuilder().revision(0).build());
    }
}
