package io.leadscore.local.runtime;

import io.leadscore.aws.dynamodb.WriteKeyStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API holds to its description: the local runtime started from template.yaml, every HTTP sample of
 * {@code events/} sent to it, then the bad-input corpora of the ingest, query and admin functions, then a request to
 * each route no sample reaches; every answer's status must be one its route declares in openapi.json, and its body
 * must be of the content type and schema declared for that status. A sample names the route it means, and must
 * reach it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ApiContract CONTRACT = ApiContract.load();
    @AutoClose
    private static final LocalRuntime runtime = LocalRuntime.started(LocalRuntime.Options.defaults().withPort(0));
    private static Map<String, String> writeKeys;

    private static final Map<String, Integer> ANSWERS_PER_ROUTE = new TreeMap<>();
    private static final List<String> VIOLATIONS = new ArrayList<>();
    private static final List<String> NOT_SENDABLE = new ArrayList<>();
    private static int validated;

    @BeforeAll
    static void start() throws Exception {
        var dynamo = runtime.dynamoDb();
        WriteKeyStore keys = new WriteKeyStore(dynamo.client(), dynamo.tableName("LeadScoreTable"), Clock.systemUTC());
        // The corpus's browser key takes its origin; its other keys stay unknown here (answered 401, as described).
        keys.register("corpus-site", "wk_corpus_browser", List.of("https://www.acme.example"));
        writeKeys = Map.of("wk_sample_acme_site", runtime.options().writeKey(),
                "wk_corpus_site", runtime.options().writeKey());
    }

    @AfterAll
    static void stop() {
        System.out.printf("API contract: %d requests answered, %d answers validated against openapi.json, %d routes"
                        + " reached %s; %d corpus requests have no HTTP form %s%n", ANSWERS_PER_ROUTE.values().stream()
                        .mapToInt(Integer::intValue).sum(), validated, ANSWERS_PER_ROUTE.size(), ANSWERS_PER_ROUTE,
                NOT_SENDABLE.size(), NOT_SENDABLE);
    }

    @Test
    @Order(1)
    void theSamplesOfEventsAreAnsweredAsDescribed() throws Exception {
        List<ApiRequest> samples = ApiRequest.samples();
        assertTrue(samples.size() >= 20, "events/ holds " + samples.size() + " HTTP samples");
        // The writes first, so that the reads that follow find what they wrote: events, then a drafted revision.
        List<ApiRequest> writesFirst = samples.stream().sorted(Comparator.comparing(
                (ApiRequest s) -> !s.path().equals("/v1/events")).thenComparing(s -> !s.path().endsWith("/revisions"))).toList();
        for (ApiRequest sample : writesFirst) {
            sendAndCheck(sample);
            if (sample.path().equals("/v1/events")) {
                runtime.awaitStreams(Duration.ofSeconds(20));
            }
        }
        assertNoViolations();
    }

    @Test
    @Order(2)
    void theBadInputCorporaAreAnsweredAsDescribed() throws Exception {
        for (List<ApiRequest> corpus : List.of(ApiRequest.ingestCorpus(NOT_SENDABLE), ApiRequest.queryCorpus(NOT_SENDABLE),
                ApiRequest.feedbackCorpus(NOT_SENDABLE))) {
            for (ApiRequest request : corpus) {
                sendAndCheck(request);
            }
        }
        assertTrue(validated >= 250, "the corpora gave " + validated + " answers to validate");
        assertNoViolations();
    }

    @Test
    @Order(3)
    void everyRouteIsReachedAndAnsweredAsDescribed() throws Exception {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        for (String[] request : new String[][]{
                {"GET", "/v1/openapi.json", ""}, {"GET", "/v1/track.js", ""}, {"OPTIONS", "/v1/events", ""},
                {"GET", "/v1/leads", "limit=2"}, {"GET", "/v1/leads", "format=csv"}, {"GET", "/v1/accounts", ""},
                {"GET", "/v1/accounts/acme-corp.example", ""}, {"GET", "/v1/notifications", ""}, {"GET", "/v1/model", ""},
                {"GET", "/v1/leads/lead-42/ledger", ""}, {"GET", "/v1/leads/lead-42/export", ""},
                {"GET", "/v1/reports/stages", "format=csv"}, {"GET", "/v1/reports/stages", ""},
                {"GET", "/v1/models/default/revisions/1", "format=yaml"},
                {"GET", "/v1/models/default/trainings/train-none", ""}, {"POST", "/v1/models/default/trainings", ""},
                {"POST", "/v1/ops/redrive", "from=" + hourAgo + "&to=" + now}, {"POST", "/v1/ops/redrive", "from=soon"},
                {"DELETE", "/v1/leads/lead-42", ""}, {"DELETE", "/v1/leads/lead-42", ""},
                {"GET", "/dashboard/index.html", ""}, {"GET", "/dashboard/api.js", ""}}) {
            sendAndCheck(new ApiRequest("route check", request[0], request[1], request[2], Map.of(), new byte[0],
                    !request[1].equals("/v1/openapi.json") && !request[1].equals("/v1/track.js")
                            && !request[1].equals("/v1/events") && !request[1].startsWith("/dashboard/")));
        }
        HttpResponse<String> served = send(new ApiRequest("description", "GET", "/v1/openapi.json", "", Map.of(),
                new byte[0], false));
        assertEquals(ApiContract.text(), served.body(), "GET /v1/openapi.json serves the repository's openapi.json");

        Set<String> unreached = new TreeSet<>(CONTRACT.operations().keySet());
        unreached.removeAll(ANSWERS_PER_ROUTE.keySet());
        assertEquals(Set.of(), unreached, "routes no request reached");
        assertNoViolations();
    }

    private static void sendAndCheck(ApiRequest request) throws Exception {
        String route = CONTRACT.route(request.method(), request.path()).orElse(null);
        if (route == null) {
            VIOLATIONS.add(request + ": no route of openapi.json takes it");
            return;
        }
        HttpResponse<String> response;
        try {
            response = send(request);
        } catch (IllegalArgumentException unsendable) {
            // A header value with control characters, which no HTTP client sends: the handler tests cover it.
            NOT_SENDABLE.add(request.name());
            return;
        }
        ANSWERS_PER_ROUTE.merge(route, 1, Integer::sum);
        List<String> violations = CONTRACT.violations(route, response.statusCode(),
                response.headers().firstValue("content-type").orElse(null), response.body());
        validated++;
        violations.forEach(violation -> VIOLATIONS.add(request + ": " + violation + "\n    body: "
                + response.body().substring(0, Math.min(400, response.body().length()))));
    }

    private static HttpResponse<String> send(ApiRequest request) throws Exception {
        return HTTP.send(request.toHttp(runtime.baseUri(), runtime.options().adminKey(), writeKeys),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertNoViolations() {
        List<String> found = List.copyOf(VIOLATIONS);
        VIOLATIONS.clear();
        assertTrue(found.isEmpty(), found.size() + " answers differ from openapi.json:\n" + String.join("\n", found));
    }
}
