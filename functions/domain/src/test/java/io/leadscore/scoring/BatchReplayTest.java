package io.leadscore.scoring;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Crossing;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LeadScorer;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.ReplayHistories;
import io.leadscore.lead.Scored;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The score function replays each lead's part of a batch on one {@link LeadScorer.Replay}: its ledger entries,
 * crossings and leads are those of one {@link LeadScorer#apply} per event with the expiries due before each taken
 * first (the path it replaced, kept here as the reference), over batches of six leads that need several
 * transactions (some over a hundred items) and a second batch on the stored leads.
 */
class BatchReplayTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final ScoringModel DEFAULT = ModelLoader.defaultModel();
    private static final ScoringModel EVERY_CONSTRUCT = ModelLoader.load("../../events/admin/every-construct-model.yaml");
    private static final List<String> LEADS = List.of("lead-a", "lead-b", "lead-c", "lead-d", "lead-e", "lead-f");

    @Property(tries = 60)
    void aBatchReplayedPerLeadWritesWhatOneApplicationPerEventWrote(@ForAll("histories") List<Activity> history) {
        Map<String, List<Activity>> all = new LinkedHashMap<>();
        LEADS.forEach(lead -> all.put(lead, ofLead(history, lead)));
        assertSameAsOneApplicationPerEvent(all);
    }

    /** Two leads of 150 events: a transaction ends in the middle of a lead's events. */
    @Example
    void aTransactionThatEndsInTheMiddleOfALeadsEvents() {
        Map<String, List<Activity>> all = new LinkedHashMap<>();
        for (String lead : List.of("lead-a", "lead-b")) {
            List<Activity> events = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                Instant at = NOW.minus(Duration.ofDays(20)).plus(Duration.ofHours(3L * i));
                String url = "https://example.com/" + (i % 3 == 0 ? "pricing" : i % 3 == 1 ? "demo" : "blog/" + i);
                events.add(new Activity(lead + "-" + i, "page_view", lead, at, Map.of("url", url), "site", at));
            }
            all.put(lead, events);
        }
        assertSameAsOneApplicationPerEvent(all);
    }

    private static void assertSameAsOneApplicationPerEvent(Map<String, List<Activity>> all) {
        for (ScoringModel model : List.of(DEFAULT, EVERY_CONSTRUCT)) {
            GuardedMemoryStore store = new GuardedMemoryStore();
            ScoringRun run = new ScoringRun(store, model, Clock.fixed(NOW, ZoneOffset.UTC));
            int size = all.get(LEADS.get(0)).size();
            for (List<Integer> part : List.of(List.of(0, size / 2), List.of(size / 2, size))) {
                Map<String, List<Activity>> batch = new LinkedHashMap<>();
                all.forEach((lead, events) -> batch.put(lead, events.subList(part.get(0), part.get(1))));
                run.apply(new ScoringRun.Group(batch, null));
            }
            LeadScorer scorer = new LeadScorer(model);
            for (String leadId : all.keySet()) {
                Lead lead = Lead.newLead(leadId);
                List<LedgerEntry> entries = new ArrayList<>();
                List<Crossing> crossings = new ArrayList<>();
                for (Activity activity : all.get(leadId)) {
                    for (Scored expiry : scorer.decay().expire(lead, activity.occurredAt(), NOW)) {
                        entries.add(expiry.entry());
                        crossings.addAll(expiry.crossings());
                        lead = expiry.lead();
                    }
                    Scored scored = scorer.apply(lead, activity, NOW);
                    entries.add(scored.entry());
                    crossings.addAll(scored.crossings());
                    lead = scored.lead();
                }
                assertEquals(entries, store.ledgers.getOrDefault(leadId, List.of()), leadId);
                assertEquals(crossings, store.written.stream().flatMap(t -> t.changes().stream())
                        .filter(c -> c.leadId().equals(leadId)).flatMap(c -> c.crossings().stream()).toList());
                Lead written = store.leads.get(leadId);
                assertEquals(lead.withRevision(written.revision()), written);
            }
        }
    }

    /** The history as one lead's, each event once. */
    private static List<Activity> ofLead(List<Activity> history, String leadId) {
        Map<String, Activity> byId = new LinkedHashMap<>();
        for (Activity a : history) {
            byId.putIfAbsent(a.eventId(), new Activity(a.eventId() + "-" + leadId, a.type(), leadId, a.occurredAt(),
                    a.properties(), a.siteId(), a.receivedAt()));
        }
        return List.copyOf(byId.values());
    }

    @Provide
    Arbitrary<List<Activity>> histories() {
        return ReplayHistories.histories();
    }
}
