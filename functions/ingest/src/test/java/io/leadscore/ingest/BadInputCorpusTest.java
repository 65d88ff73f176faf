package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.ingest.BadRequestCorpus.Case;
import io.leadscore.ingest.BadRequestCorpus.ExpectedError;
import io.leadscore.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request of the bad-input corpus, against one real ingest handler on DynamoDB Local: each gets the JSON
 * answer its entry states, naming the field at fault, and stores nothing it should not; afterwards the service
 * still records a valid event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {
    private static final BadRequestCorpus CORPUS = BadRequestCorpus.load();
    private static final int MIN_MESSAGE_LENGTH = 10;

    private IngestTestbed testbed;
    private final Map<Integer, Integer> answered = new TreeMap<>();

    @BeforeAll
    void startTheService() {
        testbed = new IngestTestbed();
    }

    static Stream<Case> corpus() {
        return CORPUS.cases().stream();
    }

    @Test
    @Order(0)
    void holdsAtLeastAHundredBadRequests() throws java.io.IOException {
        assertTrue(CORPUS.cases().size() >= 100, "the corpus holds " + CORPUS.cases().size() + " requests");
        assertTrue(java.nio.file.Files.readString(io.leadscore.local.SamTemplate.locate().getParent().resolve("README.md"))
                .contains(CORPUS.cases().size() + " ingest"), "README.md counts the ingest corpus right: " + CORPUS.cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @Order(1)
    void answersEachBadRequestAsItsEntrySays(Case badRequest) {
        check(badRequest);
    }

    @Test
    @Order(2)
    void stillRecordsAValidEventAfterTheWholeCorpus() {
        int before = testbed.storedItems();
        JsonNode body = json(testbed.handle(IngestTestbed.post(IngestTestbed.validEvent("after-the-corpus"))), 202);
        assertEquals("accepted", body.at("/results/0/status").asText(), body.toString());
        assertEquals(before + 1, testbed.storedItems());
    }

    @AfterAll
    void reportTheAnswers() {
        System.out.println("bad-input corpus: " + CORPUS.cases().size() + " requests, answered " + answered);
    }

    private void check(Case badRequest) {
        var expect = badRequest.expect();
        int storedBefore = testbed.storedItems();
        APIGatewayV2HTTPResponse response = assertDoesNotThrow(() -> testbed.handle(CORPUS.request(badRequest)),
                "the handler must answer, not throw");
        answered.merge(response.getStatusCode(), 1, Integer::sum);

        JsonNode body = json(response, expect.status());
        if (expect.status() >= 400) {
            assertNamesTheProblem(body.get("error"), expect.code(), expect.field());
        }
        if (body.has("results")) {
            assertEveryRejectionNamesItsField(body.get("results"));
        }
        for (ExpectedError error : expect.errors()) {
            assertTrue(holds(body.path("results"), error), "results[].errors should hold " + error + ": " + body);
        }
        assertEquals(storedBefore + expect.stored(), testbed.storedItems(),
                expect.stored() == 0 ? "a refused request stores nothing" : "stores only the accepted events");
    }

    private static void assertNamesTheProblem(JsonNode error, String code, String field) {
        assertTrue(error != null && error.isObject(), "a 4xx carries {\"error\": {...}}");
        assertFalse(error.path("code").asText().isBlank(), "the error has a code: " + error);
        assertTrue(error.path("message").asText().length() >= MIN_MESSAGE_LENGTH, "the message explains: " + error);
        if (code != null) {
            assertEquals(code, error.get("code").asText(), error.toString());
        }
        if (field != null) {
            assertEquals(field, error.path("field").asText(null), error.toString());
        } else if (!"invalid_events".equals(error.get("code").asText())) {
            // Per-event rejections name their fields in results[]; every other refusal names it here.
            assertFalse(error.path("field").asText().isBlank(), "the error names the field: " + error);
        }
    }

    private static void assertEveryRejectionNamesItsField(JsonNode results) {
        for (JsonNode result : results) {
            if ("rejected".equals(result.path("status").asText())) {
                assertFalse(result.path("errors").isEmpty(), "a rejected event says why: " + result);
                for (JsonNode error : result.get("errors")) {
                    assertFalse(error.path("field").asText().isBlank(), "names the field: " + error);
                    assertFalse(error.path("problem").asText().isBlank(), "states the problem: " + error);
                }
            }
        }
    }

    private static boolean holds(JsonNode results, ExpectedError expected) {
        List<JsonNode> errors = new ArrayList<>();
        results.forEach(result -> result.path("errors").forEach(errors::add));
        return errors.stream().anyMatch(error -> (expected.field() == null
                || expected.field().equals(error.path("field").asText()))
                && (expected.problem() == null || error.path("problem").asText().toLowerCase(Locale.ROOT)
                .contains(expected.problem().toLowerCase(Locale.ROOT))));
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response, int status) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
        try {
            JsonNode body = Json.mapper().readTree(response.getBody());
            assertTrue(body != null && body.isObject(), "a JSON object: " + response.getBody());
            return body;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }
}
