package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo seed's answers and verdicts: NPS answers from a share of the named people across companies, and the CRM's
 * verdicts on the MQLs, sent to a running local runtime and applied there.
 */
class DemoDataTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Map<String, String> STAGE_AFTER = Map.of("accepted", "sql", "rejected", "rejected",
            "opportunity", "opportunity", "won", "won", "lost", "lost", "recycled", "recycled");

    @Test
    void theSameSeedMakesTheSameNpsAnswersFromAShareOfTheNamedPeopleAcrossCompanies() {
        List<DemoData.Event> events = new DemoData(7, NOW, 180).generate(600);
        assertEquals(events, new DemoData(7, NOW, 180).generate(600), "the same seed, the same events");

        Map<String, String> accountOf = new HashMap<>();
        Map<String, Instant> namedAt = new HashMap<>();
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (DemoData.Event event : events) {
            Map<?, ?> properties = (Map<?, ?>) event.json().get("properties");
            String lead = (String) event.json().get("leadId");
            switch ((String) event.json().get("type")) {
                case "identify" -> {
                    namedAt.putIfAbsent(lead, event.at());
                    if (properties.get("accountId") != null) {
                        accountOf.put(lead, (String) properties.get("accountId"));
                    }
                }
                case "nps_response" -> {
                    assertNotNull(lead, "an answer names its lead: " + event.json());
                    assertTrue(!event.at().isBefore(namedAt.get(lead)) && !event.at().isAfter(NOW),
                            "answered once named, never in the future: " + event.json());
                    assertEquals(Set.of("score"), properties.keySet());
                    int score = (Integer) properties.get("score");
                    assertTrue(score >= 0 && score <= 10, "a whole number 0-10: " + score);
                    assertEquals(null, answers.put(lead, score), "one answer per person");
                }
                default -> {
                }
            }
        }
        double share = answers.size() / (double) namedAt.size();
        assertTrue(share > 0.1 && share < 0.3, answers.size() + " answers from " + namedAt.size() + " named people");
        Set<String> accounts = new HashSet<>();
        answers.keySet().forEach(lead -> {
            if (accountOf.containsKey(lead)) {
                accounts.add(accountOf.get(lead));
            }
        });
        assertTrue(accounts.size() >= 5, "answers from people of " + accounts);
        assertTrue(answers.values().stream().anyMatch(s -> s <= 6) && answers.values().stream().anyMatch(s -> s >= 9),
                "detractors and promoters: " + answers.values());

        Map<String, List<Integer>> byAccount = new TreeMap<>();
        answers.forEach((lead, score) -> {
            if (accountOf.containsKey(lead)) {
                byAccount.computeIfAbsent(accountOf.get(lead), a -> new ArrayList<>()).add(score);
            }
        });
        List<Double> means = byAccount.values().stream().filter(scores -> scores.size() >= 2)
                .map(scores -> scores.stream().mapToInt(Integer::intValue).average().orElseThrow()).sorted().toList();
        assertTrue(means.size() >= 3 && means.get(means.size() - 1) - means.get(0) >= 3,
                "the people of a company answer alike, companies differ: " + byAccount);

        // The answers are recorded after everything else: the other events keep their ids, 1 to n.
        List<String> ids = events.stream().filter(e -> !e.json().get("type").equals("nps_response"))
                .map(e -> (String) e.json().get("eventId")).sorted(Comparator.comparingInt(DemoDataTest::number))
                .toList();
        for (int i = 0; i < ids.size(); i++) {
            assertEquals("demo-7-" + (i + 1), ids.get(i));
        }
    }

    private static int number(String eventId) {
        return Integer.parseInt(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    @Test
    void verdictsFollowEachMqlInLifecycleOrderBuyersAcceptedMoreThanStudentsTheLatestMostlyPending() {
        DemoData.Persona[] personas = DemoData.Persona.values();
        List<DemoVerdicts.Mql> mqls = new ArrayList<>();
        Map<String, DemoData.Persona> personaOf = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            String leadId = String.format("crm-9-%05d", i);
            mqls.add(new DemoVerdicts.Mql(leadId, NOW.minus(Duration.ofHours(i * 5L))));
            personaOf.put(leadId, personas[i % personas.length]);
        }
        List<DemoVerdicts.Verdict> verdicts = new DemoVerdicts(9, NOW).on(mqls, personaOf::get);
        assertEquals(verdicts, new DemoVerdicts(9, NOW).on(mqls, personaOf::get), "the same seed, the same verdicts");

        Map<String, List<String>> chains = new TreeMap<>();
        Map<String, Instant> mqlAt = new HashMap<>();
        mqls.forEach(m -> mqlAt.put(m.leadId(), m.at()));
        Map<String, Instant> previous = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Instant last = Instant.MIN;
        for (DemoVerdicts.Verdict verdict : verdicts) {
            Map<String, Object> json = verdict.json();
            String lead = (String) json.get("leadId");
            assertTrue(!verdict.at().isBefore(last), "oldest first");
            last = verdict.at();
            assertTrue(verdict.at().isAfter(previous.getOrDefault(lead, mqlAt.get(lead))) && !verdict.at().isAfter(NOW),
                    "after the MQL and the lead's previous verdict, never in the future: " + json);
            assertEquals(Instant.parse((String) json.get("at")), verdict.at().truncatedTo(ChronoUnit.SECONDS));
            previous.put(lead, verdict.at());
            assertTrue(ids.add((String) json.get("feedbackId")), "one id per verdict: " + json);
            assertTrue(json.get("rep") instanceof String rep && rep.endsWith("@datastack.example"), json.toString());
            if (json.get("type").equals("rejected") || json.get("type").equals("lost")) {
                assertTrue(json.get("reason") instanceof String reason && !reason.isBlank(), json.toString());
            }
            chains.computeIfAbsent(lead, l -> new ArrayList<>()).add((String) json.get("type"));
        }
        Set<List<String>> paths = Set.of(List.of("accepted"), List.of("accepted", "opportunity"),
                List.of("accepted", "opportunity", "won"), List.of("accepted", "opportunity", "lost"),
                List.of("accepted", "opportunity", "lost", "recycled"), List.of("rejected"),
                List.of("rejected", "recycled"));
        chains.forEach((lead, chain) -> assertTrue(paths.contains(chain), lead + ": " + chain));
        Map<List<String>, Long> byPath = new HashMap<>();
        chains.values().forEach(chain -> byPath.merge(chain, 1L, Long::sum));
        assertEquals(paths, byPath.keySet(), "every path taken by some: " + byPath);

        Map<DemoData.Persona, Double> accepted = new HashMap<>();
        for (DemoData.Persona persona : personas) {
            List<List<String>> decided = chains.entrySet().stream().filter(e -> personaOf.get(e.getKey()) == persona)
                    .map(Map.Entry::getValue).toList();
            accepted.put(persona, decided.stream().filter(c -> c.get(0).equals("accepted")).count()
                    / (double) decided.size());
        }
        assertTrue(accepted.get(DemoData.Persona.BUYER) > 0.6 && accepted.get(DemoData.Persona.READER) < 0.5
                && accepted.get(DemoData.Persona.STUDENT) < 0.3 && accepted.get(DemoData.Persona.JOB_SEEKER) < 0.3,
                "sales accept most buyers, reject most readers, students and job seekers: " + accepted);
        long fresh = mqls.stream().filter(m -> m.at().isAfter(NOW.minus(Duration.ofDays(3)))).count();
        long freshDecided = chains.keySet().stream().filter(l -> mqlAt.get(l).isAfter(NOW.minus(Duration.ofDays(3))))
                .count();
        assertTrue(freshDecided < fresh / 2.0, freshDecided + " of the " + fresh + " MQLs of the last 3 days decided");
    }

    @Test
    void theSeedSendsTheAnswersAndTheCrmVerdictsOnTheMqlsWhichTheRuntimeApplies() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0))) {
            String adminKey = runtime.options().adminKey();
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            DemoData.Seeded seeded = DemoData.seed(http, runtime.baseUri(), runtime.options().writeKey(), adminKey, 42,
                    250, 120, new PrintStream(said, true, StandardCharsets.UTF_8));

            long answers = seeded.events().stream().filter(e -> "nps_response".equals(e.json().get("type"))).count();
            assertTrue(answers > 0, said.toString(StandardCharsets.UTF_8));
            assertEquals(seeded.events().size(), seeded.sent().accepted() + seeded.sent().rejected(),
                    "every event answered");
            assertEquals(0, seeded.sent().rejected(), "the answers are on the NPS scale: " + seeded.sent().problems());

            List<DemoVerdicts.Verdict> verdicts = seeded.verdicts();
            assertTrue(verdicts.size() > 0, said.toString(StandardCharsets.UTF_8));
            assertEquals(Map.of("applied", verdicts.size()), seeded.answered(), said.toString(StandardCharsets.UTF_8));

            Map<String, DemoVerdicts.Verdict> last = new LinkedHashMap<>();
            verdicts.forEach(v -> last.put((String) v.json().get("leadId"), v));
            for (var lead : last.entrySet()) {
                JsonNode shown = get(http, runtime.baseUri(), adminKey, "/v1/leads/" + lead.getKey());
                assertEquals(STAGE_AFTER.get((String) lead.getValue().json().get("type")), shown.path("stage").asText(),
                        lead.getKey() + " after its last verdict " + lead.getValue().json());
                JsonNode history = shown.path("stageHistory");
                Instant mql = null;
                for (JsonNode move : history) {
                    if (move.path("to").asText().equals("mql") && mql == null) {
                        mql = Instant.parse(move.path("at").asText());
                    }
                }
                Instant first = verdicts.stream().filter(v -> v.json().get("leadId").equals(lead.getKey()))
                        .map(DemoVerdicts.Verdict::at).min(Comparator.naturalOrder()).orElseThrow();
                // A verdict follows the lead's MQL, unless sales opened an opportunity on a lead that never was one.
                assertTrue(mql != null ? first.isAfter(mql) : mqls(seeded).noneMatch(lead.getKey()::equals),
                        lead.getKey() + " first judged at " + first + ": " + shown);
            }

            assertEquals(Map.of("duplicate", verdicts.size()),
                    DemoVerdicts.send(http, runtime.baseUri(), adminKey, verdicts), "seeding again applies nothing");
        }
    }

    /** The leads the seeding judged as MQLs: those with an accepted or rejected verdict. */
    private static Stream<String> mqls(DemoData.Seeded seeded) {
        return seeded.verdicts().stream().filter(v -> v.json().get("type").equals("accepted")
                || v.json().get("type").equals("rejected")).map(v -> (String) v.json().get("leadId"));
    }

    @Test
    void salesOpenOpportunitiesDaysAfterABuyingSignalOnBuyersMoreThanOthersNeverOnAnMql() {
        DemoData demo = new DemoData(5, NOW, 180);
        demo.generate(3000);
        Map<String, List<Instant>> signals = demo.buyingSignals();
        Set<String> qualified = signals.keySet().stream().limit(40).collect(Collectors.toSet());
        List<DemoVerdicts.Verdict> verdicts = new DemoVerdicts(5, NOW).sourced(qualified, signals, demo::personaOf);
        assertEquals(verdicts, new DemoVerdicts(5, NOW).sourced(qualified, signals, demo::personaOf), "repeatable");

        Map<String, List<String>> chains = new TreeMap<>();
        for (DemoVerdicts.Verdict verdict : verdicts) {
            String lead = (String) verdict.json().get("leadId");
            assertFalse(qualified.contains(lead), "an MQL is judged by on(), not here: " + lead);
            assertFalse(verdict.at().isAfter(NOW), verdict.json().toString());
            if (verdict.json().get("type").equals("opportunity")) {
                assertEquals("sourced by sales", verdict.json().get("reason"));
                Instant opened = verdict.at();
                assertTrue(signals.get(lead).stream().anyMatch(signal -> !opened.isBefore(signal.plus(Duration.ofDays(1)))
                        && !opened.isAfter(signal.plus(Duration.ofDays(10)))), "a day to ten days after a signal: "
                        + verdict.json() + " " + signals.get(lead));
            }
            chains.computeIfAbsent(lead, l -> new ArrayList<>()).add((String) verdict.json().get("type"));
        }
        Set<List<String>> paths = Set.of(List.of("opportunity"), List.of("opportunity", "won"),
                List.of("opportunity", "lost"), List.of("opportunity", "lost", "recycled"));
        chains.forEach((lead, chain) -> assertTrue(paths.contains(chain), lead + ": " + chain));
        Map<DemoData.Persona, Double> sourced = new HashMap<>();
        for (DemoData.Persona persona : List.of(DemoData.Persona.BUYER, DemoData.Persona.EVALUATOR,
                DemoData.Persona.READER)) {
            List<String> leads = signals.keySet().stream().filter(l -> !qualified.contains(l)
                    && demo.personaOf(l) == persona).toList();
            sourced.put(persona, leads.stream().filter(chains::containsKey).count() / (double) leads.size());
        }
        assertTrue(sourced.get(DemoData.Persona.BUYER) > 0.6 && sourced.get(DemoData.Persona.EVALUATOR) < 0.5
                && sourced.get(DemoData.Persona.READER) < 0.2, "buyers far more often: " + sourced);
    }

    private static JsonNode get(HttpClient http, URI base, String adminKey, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.mapper().readTree(response.body());
    }
}
