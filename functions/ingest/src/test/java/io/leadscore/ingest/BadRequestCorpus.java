package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscore.local.CorpusExpansion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bad requests of {@code bad-input/ingest-requests.json} and the answer each must get; the file's
 * {@code about} describes the format.
 */
final class BadRequestCorpus {
    static final String RESOURCE = "/bad-input/ingest-requests.json";

    /** A per-event error that {@code results[].errors} must hold; either part may be left out. */
    record ExpectedError(String field, String problem) {
    }

    /** What the handler must answer. */
    record Expectation(int status, String code, String field, List<ExpectedError> errors, int stored) {
    }

    record Case(String name, JsonNode request, Expectation expect) {
        APIGatewayV2HTTPEvent toRequest(Map<String, String> defaultHeaders) {
            Map<String, String> headers = new HashMap<>(defaultHeaders);
            request.path("headers").fields().forEachRemaining(header -> {
                if (header.getValue().isNull()) {
                    headers.remove(header.getKey());
                } else {
                    headers.put(header.getKey(), expand(header.getValue().asText()));
                }
            });
            boolean base64 = request.has("base64");
            String body = base64 ? request.get("base64").asText()
                    : request.has("json") ? expand(request.get("json").toString())
                    : request.path("body").isNull() || request.path("body").isMissingNode() ? null
                    : expand(request.get("body").asText());
            APIGatewayV2HTTPEvent event = IngestTestbed.post(headers, base64 ? expand(body) : body, base64);
            if (request.has("query")) {
                Map<String, String> query = new HashMap<>();
                request.get("query").fields().forEachRemaining(p -> query.put(p.getKey(), p.getValue().asText()));
                event.setQueryStringParameters(query);
            }
            return event;
        }

        private String expand(String text) {
            return CorpusExpansion.expand(request, text);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Map<String, String> defaultHeaders;
    private final List<Case> cases;

    private BadRequestCorpus(Map<String, String> defaultHeaders, List<Case> cases) {
        this.defaultHeaders = defaultHeaders;
        this.cases = cases;
    }

    static BadRequestCorpus load() {
        // A lenient parser of its own: the corpus is trusted input and need not pass the service's strict one.
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = BadRequestCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            JsonNode root = mapper.readTree(in);
            Map<String, String> headers = new HashMap<>();
            root.at("/defaults/headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            List<Case> cases = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (JsonNode entry : root.get("cases")) {
                String name = entry.get("name").asText();
                if (!names.add(name)) {
                    throw new IllegalStateException("two corpus entries are named '" + name + "'");
                }
                cases.add(new Case(name, entry.get("request"), expectation(entry.get("expect"))));
            }
            return new BadRequestCorpus(Map.copyOf(headers), List.copyOf(cases));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Expectation expectation(JsonNode expect) {
        List<ExpectedError> errors = new ArrayList<>();
        expect.path("errors").forEach(e -> errors.add(new ExpectedError(e.path("field").asText(null),
                e.path("problem").asText(null))));
        return new Expectation(expect.get("status").asInt(), expect.path("code").asText(null),
                expect.path("field").asText(null), List.copyOf(errors), expect.path("stored").asInt(0));
    }

    List<Case> cases() {
        return cases;
    }

    APIGatewayV2HTTPEvent request(Case corpusCase) {
        return corpusCase.toRequest(defaultHeaders);
    }
}
