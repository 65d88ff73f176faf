package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the CRM says about the demo's MQLs, so that the reports mean something: sales accept most buyers and reject
 * most readers, students and job seekers (with the reasons reps give), open opportunities on some accepted leads, win
 * or lose them, and recycle some rejected or lost leads back to nurture; the latest MQLs mostly wait for a verdict.
 * Sales also open opportunities on leads that showed buying signals without becoming MQLs ({@link #sourced}).
 * Each verdict follows the lead's MQL by hours to weeks and is never in the future, and goes through
 * {@code POST /v1/feedback} with the admin key, as a CRM's integration sends them. The same seed gives the same
 * verdicts and feedback ids, so seeding twice applies them once.
 */
final class DemoVerdicts {
    static final int BATCH = 100;
    private static final String[] REPS = {"sam.ortiz@datastack.example", "kim.lee@datastack.example",
        "jo.berg@datastack.example", "ana.silva@datastack.example"};
    private static final String[] LOSS_REASONS = {"went with a competitor", "no budget after all",
        "project cancelled"};

    /** A lead's first crossing of the sales-ready threshold: when it became an MQL. */
    record Mql(String leadId, Instant at) {
    }

    /** One verdict as {@code POST /v1/feedback} takes it in its items. */
    record Verdict(Instant at, Map<String, Object> json) {
    }

    private final Random random;
    private final long seed;
    private final Instant now;

    DemoVerdicts(long seed, Instant now) {
        this(seed, now, new Random(seed ^ 0xC4_F33DL));
    }

    private DemoVerdicts(long seed, Instant now, Random random) {
        this.seed = seed;
        this.random = random;
        this.now = now;
    }

    /**
     * The verdicts on these MQLs, oldest first, by who the lead is ({@code personaOf}; a lead the demo did not make,
     * null, gets none).
     */
    List<Verdict> on(List<Mql> mqls, Function<String, DemoData.Persona> personaOf) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Mql mql : mqls.stream().sorted(Comparator.comparing(Mql::leadId)).toList()) {
            DemoData.Persona persona = personaOf.apply(mql.leadId());
            if (persona == null) {
                continue;
            }
            // A fresh MQL mostly waits for sales; an older one was looked at within days.
            boolean fresh = mql.at().isAfter(now.minus(Duration.ofDays(3)));
            if (random.nextDouble() < (fresh ? 0.7 : 0.12)) {
                continue;
            }
            Verdicts lead = new Verdicts(mql.leadId(), REPS[random.nextInt(REPS.length)], verdicts);
            Instant decided = lead.after(mql.at(), 2, 120);
            if (random.nextDouble() < acceptance(persona)) {
                if (!lead.add("accepted", decided, null)) {
                    continue;
                }
                Instant opened = lead.after(decided, 48, 500);
                if (random.nextDouble() < 0.55 && lead.add("opportunity", opened, null)) {
                    close(lead, opened);
                }
            } else if (lead.add("rejected", decided, rejection(persona)) && random.nextDouble() < 0.35) {
                lead.add("recycled", lead.after(decided, 340, 1400), "back to nurture");
            }
        }
        verdicts.sort(Comparator.comparing(Verdict::at));
        return verdicts;
    }

    /**
     * The opportunities sales open on leads that never became MQLs, as account executives and SDRs do: they follow up
     * a named lead's buying signal (a pricing or demo page, a demo request) within days, buyers far more often than
     * evaluators or readers, and win or lose some of them. So the outcomes say which behaviour leads to pipeline
     * whether or not the model's points noticed it, which is what a training run learns from. Draws random numbers
     * of its own, so that how many MQLs {@link #on} judged changes nothing here.
     *
     * @param qualified the leads that became MQLs: {@link #on} judges those
     * @param signals   each named lead's buying signals, oldest first
     */
    List<Verdict> sourced(Set<String> qualified, Map<String, List<Instant>> signals,
                          Function<String, DemoData.Persona> personaOf) {
        return new DemoVerdicts(seed, now, new Random(seed ^ 0x50_0C_EDL)).opened(qualified, signals, personaOf);
    }

    private List<Verdict> opened(Set<String> qualified, Map<String, List<Instant>> signals,
                                 Function<String, DemoData.Persona> personaOf) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, List<Instant>> lead : new TreeMap<>(signals).entrySet()) {
            DemoData.Persona persona = personaOf.apply(lead.getKey());
            if (qualified.contains(lead.getKey()) || persona == null || random.nextDouble() >= sourcing(persona)) {
                continue;
            }
            Verdicts verdictsOf = new Verdicts(lead.getKey(), REPS[random.nextInt(REPS.length)], verdicts);
            Instant signal = lead.getValue().get(random.nextInt(lead.getValue().size()));
            Instant opened = verdictsOf.after(signal, 24, 240);
            if (verdictsOf.add("opportunity", opened, "sourced by sales")) {
                close(verdictsOf, opened);
            }
        }
        verdicts.sort(Comparator.comparing(Verdict::at));
        return verdicts;
    }

    /** An open opportunity won, lost (some lost deals recycled to nurture) or still open, weeks later. */
    private void close(Verdicts lead, Instant opened) {
        Instant closed = lead.after(opened, 240, 1100);
        double outcome = random.nextDouble();
        if (outcome < 0.45) {
            lead.add("won", closed, null);
        } else if (outcome < 0.8 && lead.add("lost", closed, pick(LOSS_REASONS)) && random.nextDouble() < 0.3) {
            lead.add("recycled", lead.after(closed, 24, 340), "back to nurture after a lost deal");
        }
    }

    /** How likely sales open an opportunity on a lead of this kind that showed a buying signal without an MQL. */
    private static double sourcing(DemoData.Persona persona) {
        return switch (persona) {
            case BUYER -> 0.8;
            case EVALUATOR -> 0.35;
            case READER, DRIVE_BY -> 0.05;
            case STUDENT, JOB_SEEKER -> 0;
        };
    }

    /** How likely sales accept an MQL of this kind of visitor. */
    private static double acceptance(DemoData.Persona persona) {
        return switch (persona) {
            case BUYER -> 0.8;
            case EVALUATOR -> 0.55;
            case READER, DRIVE_BY -> 0.3;
            case STUDENT -> 0.1;
            case JOB_SEEKER -> 0.05;
        };
    }

    /** Why a rep turns such an MQL down, in the words reps use. */
    private String rejection(DemoData.Persona persona) {
        return pick(switch (persona) {
            case STUDENT, JOB_SEEKER -> new String[]{"student or job seeker", "Student / job seeker"};
            case READER -> new String[]{"no budget", "just researching", "too small"};
            case DRIVE_BY -> new String[]{"no response", "wrong contact"};
            case BUYER, EVALUATOR -> new String[]{"bad timing", "existing customer", "no budget",
                "went with a competitor"};
        });
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** One lead's verdicts, added in the order they happen by its rep; none dated after now. */
    private final class Verdicts {
        private final String leadId;
        private final String rep;
        private final List<Verdict> into;

        Verdicts(String leadId, String rep, List<Verdict> into) {
            this.leadId = leadId;
            this.rep = rep;
            this.into = into;
        }

        /** A time between {@code min} and {@code max} hours after {@code at}. */
        Instant after(Instant at, int min, int max) {
            return at.plus(Duration.ofMinutes(60L * min + random.nextInt(60 * (max - min))));
        }

        /** Adds the verdict unless it would be in the future; whether it was added. */
        boolean add(String type, Instant at, String reason) {
            if (at.isAfter(now)) {
                return false;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("leadId", leadId);
            json.put("type", type);
            if (reason != null) {
                json.put("reason", reason);
            }
            json.put("rep", rep);
            json.put("at", at.truncatedTo(ChronoUnit.SECONDS).toString());
            json.put("feedbackId", "demo-" + Long.toHexString(seed) + "-" + leadId.replace("anon:", "") + "-" + type);
            into.add(new Verdict(at, json));
            return true;
        }
    }

    /**
     * The demo's MQLs: each lead's first crossing of the total sales-ready threshold in the announcements feed
     * ({@code GET /v1/notifications?type=LeadQualified}), when it happened.
     */
    static List<Mql> mqls(HttpClient http, URI base, String adminKey) throws IOException, InterruptedException {
        Map<String, Instant> first = new TreeMap<>();
        String cursor = null;
        do {
            String path = "/v1/notifications?type=LeadQualified&limit=100" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = Json.mapper().readTree(send(http, HttpRequest.newBuilder(base.resolve(path))
                    .header("authorization", "Bearer " + adminKey).GET(), "GET " + path));
            for (JsonNode item : page.path("items")) {
                JsonNode detail = item.path("detail");
                boolean salesReady = detail.path("threshold").path("name").asText().equals("salesReady");
                if (salesReady && !detail.hasNonNull("group")) {
                    first.merge(item.path("leadId").asText(), Instant.parse(detail.path("at").asText()),
                            (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (cursor != null);
        return first.entrySet().stream().map(e -> new Mql(e.getKey(), e.getValue())).toList();
    }

    /** Sends the verdicts, {@link #BATCH} a request, in the order they happened; the items' statuses counted. */
    static Map<String, Integer> send(HttpClient http, URI base, String adminKey, List<Verdict> verdicts)
            throws IOException, InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        for (int from = 0; from < verdicts.size(); from += BATCH) {
            List<Map<String, Object>> items = verdicts.subList(from, Math.min(from + BATCH, verdicts.size())).stream()
                    .map(Verdict::json).toList();
            JsonNode answer = Json.mapper().readTree(send(http, HttpRequest.newBuilder(base.resolve("/v1/feedback"))
                    .header("authorization", "Bearer " + adminKey).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("items", items)))),
                    "POST /v1/feedback"));
            answer.path("counts").properties().forEach(c -> counts.merge(c.getKey(), c.getValue().asInt(),
                    Integer::sum));
        }
        return counts;
    }

    private static String send(HttpClient http, HttpRequest.Builder request, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
