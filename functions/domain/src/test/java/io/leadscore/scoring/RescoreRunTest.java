package io.leadscore.scoring;

import io.leadscore.activity.Activity;
import io.leadscore.lead.Lead;
import io.leadscore.lead.LedgerEntry;
import io.leadscore.lead.RuleTally;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import io.leadscore.lifecycle.Stage;
import io.leadscore.report.CalibrationFacts;
import io.leadscore.report.Counts;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.Rescorer;
import io.leadscore.scoring.RescoreRun.Outcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Re-scoring a lead exactly once over a store with the table's guards: an unchanged lead costs nothing, a changed one
 * one transaction, a live event meanwhile is replayed with the rest, and only applied activities count.
 */
class RescoreRunTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC);
    private static final ScoringModel FIRST = revision(1, defaultYaml());
    /** Pricing views weigh 40 instead of 15: each of Dana's three views 25 more. */
    private static final String SECOND_YAML = defaultYaml().replace("    points: 15\n", "    points: 40\n");
    private static final ScoringModel SECOND = revision(2, SECOND_YAML);

    private final GuardedMemoryStore store = new GuardedMemoryStore();

    @Test
    void aLeadThatReplaysToItselfCostsNoWriteAndNoLedgerRead() {
        live(FIRST, dana());

        assertEquals(Outcome.UNCHANGED, new RescoreRun(store, FIRST, CLOCK, false).rescore("dana"));

        assertEquals(1, store.written.size(), "only the live scoring's transaction");
        assertEquals(0, store.ledgerReads, "as many activities recorded as applied: the ledger is not read");
    }

    @Test
    void aChangedLeadIsWrittenOnceWithItsModelChangeEntryAndItsAccountsShare() {
        live(FIRST, dana());
        Lead before = store.leads.get("dana");

        assertEquals(Outcome.CHANGED, new RescoreRun(store, SECOND, CLOCK, false).rescore("dana"));
        assertEquals(Outcome.UNCHANGED, new RescoreRun(store, SECOND, CLOCK, false).rescore("dana"), "run again");

        ScoreTransaction rescored = store.written.get(1);
        assertEquals(2, store.written.size());
        assertEquals(List.of(LedgerEntry.MODEL_CHANGE), rescored.changes().get(0).entries().stream()
                .map(LedgerEntry::reason).toList());
        assertEquals(75, rescored.changes().get(0).entries().get(0).change(), "three views, 25 more each");
        assertEquals(List.of("acme.example"), rescored.accounts().stream().map(a -> a.after().id()).toList());
        Lead after = store.leads.get("dana");
        assertEquals(before.score() + 75, after.score());
        assertEquals(expected(SECOND, "dana", dana()), after.breakdown());
        assertEquals(after.score(), store.members.get("acme.example").get("dana").score());
        assertEquals(before.revision() + 1, after.revision());
    }

    @Test
    void aReScoreUnderNewJourneyTagsCorrectsTheCalibrationCountersInItsTransaction() {
        ScoringModel untagged = revision(1, SECOND_YAML.replaceAll("\n    journey: [a-z]+", ""));
        live(untagged, dana()); // an MQL at her third pricing view (120), no interaction counted
        assertEquals(Map.of(), store.leads.get("dana").stageHistory().get(0).journey());

        assertEquals(Outcome.CHANGED, new RescoreRun(store, SECOND, CLOCK, false).rescore("dana"));

        assertEquals(Counts.builder().add(CalibrationFacts.item(Stage.MQL), "decision", 3).build(),
                store.written.get(store.written.size() - 1).counts(), "the three pricing views before her MQL");
        assertEquals(Map.of("decision", 4), store.leads.get("dana").journey(), "and the demo request after");
    }

    @Test
    void anActivityRecordedButNotYetAppliedIsLeftForTheScoreFunction() {
        live(FIRST, dana());
        Activity pending = view("dana", "/pricing/enterprise", 600);
        store.record(List.of(pending));

        assertEquals(Outcome.CHANGED, new RescoreRun(store, SECOND, CLOCK, false).rescore("dana"));
        assertEquals(1, store.ledgerReads, "one more recorded than applied: the ledger tells which");
        assertEquals(expected(SECOND, "dana", dana()), store.leads.get("dana").breakdown());

        new ScoringRun(store, SECOND, CLOCK).apply(new ScoringRun.Group(Map.of("dana", List.of(pending)), null));
        List<Activity> all = new ArrayList<>(dana());
        all.add(pending);
        assertEquals(expected(SECOND, "dana", all), store.leads.get("dana").breakdown(), "as a replay of all of it");
    }

    @Test
    void aLiveEventWrittenBetweenTheReadAndTheWriteIsReplayedWithTheRest() {
        live(FIRST, dana());
        Activity live = view("dana", "/demo", 700);
        store.beforeWrite = transaction -> {
            store.record(List.of(live));
            new ScoringRun(store, SECOND, CLOCK).apply(new ScoringRun.Group(Map.of("dana", List.of(live)), null));
        };

        assertEquals(Outcome.CHANGED, new RescoreRun(store, SECOND, CLOCK, false).rescore("dana"));

        assertEquals(1, store.conflicts, "the live event moved the lead's revision");
        List<Activity> all = new ArrayList<>(dana());
        all.add(live);
        assertEquals(expected(SECOND, "dana", all), store.leads.get("dana").breakdown());
        assertEquals(1, modelChanges("dana"), "one model-change entry");
    }

    @Test
    void aMergedVisitorsActivitiesArePartOfTheLeadsHistory() {
        List<Activity> visits = List.of(view("anon:v1", "/pricing", 0), view("anon:v1", "/pricing/teams", 1));
        live(FIRST, visits);
        Activity identify = new Activity("dana-id", "identify", "dana", T0.plusSeconds(600),
                Map.of("email", "dana@acme.example", "anonymousId", "v1"), "site", T0.plusSeconds(600));
        live(FIRST, List.of(identify));

        assertEquals(Outcome.CHANGED, new RescoreRun(store, SECOND, CLOCK, false).rescore("dana"));
        assertEquals(Outcome.SKIPPED, new RescoreRun(store, SECOND, CLOCK, false).rescore("anon:v1"), "merged");

        List<Activity> all = new ArrayList<>(visits);
        all.add(identify);
        assertEquals(expected(SECOND, "dana", all), store.leads.get("dana").breakdown());
        assertEquals(0, store.ledgerReads);
    }

    @Test
    void aLeadStoredBeforeTheCountExistedIsReadFromItsLedgerAndItsMergeEntries() {
        List<Activity> visits = List.of(view("anon:v1", "/pricing", 0));
        live(FIRST, visits);
        Activity identify = new Activity("dana-id", "identify", "dana", T0.plusSeconds(600),
                Map.of("email", "dana@acme.example", "anonymousId", "v1"), "site", T0.plusSeconds(600));
        live(FIRST, List.of(identify));
        // As stored before leads counted their activities and listed their visitors.
        store.leads.put("dana", store.leads.get("dana").toBuilder().appliedActivities(0).mergedVisitors(List.of())
                .build());

        assertEquals(Outcome.CHANGED, new RescoreRun(store, SECOND, CLOCK, false).rescore("dana"));

        assertEquals(expected(SECOND, "dana", List.of(visits.get(0), identify)), store.leads.get("dana").breakdown());
        assertEquals(2, store.ledgerReads, "the lead's ledger, then the visitor's its merge entry names");
    }

    @Test
    void crossingsAreWrittenOnlyWhenAnnounced() {
        List<Activity> almost = dana().subList(0, 3); // 45 points: under 100 in revision 1, 120 in revision 2
        live(FIRST, almost);
        GuardedMemoryStore copy = copyOf(store);

        new RescoreRun(store, SECOND, CLOCK, false).rescore("dana");
        new RescoreRun(copy, SECOND, CLOCK, true).rescore("dana");

        assertEquals(List.of(), store.outbox, "silent: nothing to announce");
        assertTrue(store.leads.get("dana").qualifications().get("salesReady").qualified(), "but the line is crossed");
        assertEquals(List.of("dana/salesReady/1"), copy.outbox.stream()
                .filter(c -> c.threshold() != null && c.threshold().name().equals("salesReady") && c.group() == null)
                .map(c -> c.qualificationId()).toList());
    }

    /** Records the activities and scores them as the score function does. */
    private void live(ScoringModel model, List<Activity> activities) {
        store.record(activities);
        ScoringRun run = new ScoringRun(store, model, CLOCK);
        Map<String, List<Activity>> batch = new LinkedHashMap<>();
        activities.forEach(a -> batch.computeIfAbsent(a.leadId(), id -> new ArrayList<>()).add(a));
        run.groups(batch).forEach(run::apply);
    }

    private int modelChanges(String leadId) {
        return (int) store.ledger(leadId).stream().filter(e -> LedgerEntry.MODEL_CHANGE.equals(e.reason())).count();
    }

    private static Map<String, io.leadscore.lead.RuleTally> expected(ScoringModel model, String leadId,
                                                                    List<Activity> history) {
        return new Rescorer(model).replay(leadId, history, List.of(), CLOCK.instant()).breakdown();
    }

    private static GuardedMemoryStore copyOf(GuardedMemoryStore original) {
        GuardedMemoryStore copy = new GuardedMemoryStore();
        copy.leads.putAll(original.leads);
        copy.accounts.putAll(original.accounts);
        original.ledgerKeys.forEach((id, keys) -> copy.ledgerKeys.put(id, new HashSet<>(keys)));
        original.ledgers.forEach((id, entries) -> copy.ledgers.put(id, new ArrayList<>(entries)));
        original.recorded.forEach((id, activities) -> copy.recorded.put(id, new ArrayList<>(activities)));
        return copy;
    }

    /** Dana: three pricing views (45), a demo request (20), a VP's identify with her work email (fit, account). */
    static List<Activity> dana() {
        Instant at = T0;
        return List.of(view("dana", "/pricing", 0), view("dana", "/pricing/teams", 1), view("dana", "/pricing/faq", 2),
                new Activity("dana-demo", "form_submit", "dana", at.plusSeconds(180), Map.of("formId", "demo-request"),
                        "site", at.plusSeconds(180)),
                new Activity("dana-id", "identify", "dana", at.plusSeconds(240), Map.of("email", "dana@acme.example",
                        "jobTitle", "VP Engineering"), "site", at.plusSeconds(240)));
    }

    private static Activity view(String leadId, String path, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new Activity(leadId + "-" + minute, "page_view", leadId, at, Map.of("url", "https://acme.example" + path),
                "site", at);
    }

    static ScoringModel revision(int number, String yaml) {
        return ModelRevision.draft("default", number, yaml, "test", T0, null, null).model();
    }

    static String defaultYaml() {
        try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
