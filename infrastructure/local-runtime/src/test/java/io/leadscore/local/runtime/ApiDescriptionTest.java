package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscore.local.SamTemplate;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openapi.json itself: valid OpenAPI 3.1, every route of template.yaml and of the handlers' route tables described
 * with the template's authentication and no other route, its request examples the bodies of the samples in
 * {@code events/}, and the check the contract test relies on refusing what the description does not allow.
 */
class ApiDescriptionTest {
    private static final ApiContract CONTRACT = ApiContract.load();
    private static final List<Map<String, String>> SIGNED = List.of(Map.of("iam", ""), Map.of("localAdminKey", ""));
    /** A route key written in a handler's source: {@code "GET /v1/leads/{leadId}"}. */
    private static final Pattern ROUTE_LITERAL = Pattern.compile("\"((?:GET|POST|PUT|PATCH|DELETE|OPTIONS) /v1/[^\"\\s]*)\"");

    @Test
    void isValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(ApiContract.text(), null, options);
        assertEquals(List.of(), parsed.getMessages(), "what the OpenAPI parser finds wrong in openapi.json");
        assertEquals(SpecVersion.V31, parsed.getOpenAPI().getSpecVersion());
        assertEquals(CONTRACT.operations().size(), parsed.getOpenAPI().getPaths().values().stream()
                .mapToInt(path -> path.readOperations().size()).sum(), "operations the parser read");
    }

    @Test
    void describesEveryRouteOfTheTemplateWithItsAuthenticationAndNoOther() {
        Map<String, Boolean> templateRoutes = new TreeMap<>();
        SamTemplate.load(SamTemplate.locate()).functions().forEach(function -> function.httpRoutes()
                .forEach(route -> templateRoutes.put(route.routeKey(), route.iamAuth())));
        assertTrue(templateRoutes.size() >= 27, "template.yaml's routes: " + templateRoutes.keySet());
        assertEquals(templateRoutes.keySet(), CONTRACT.operations().keySet(),
                "the routes of template.yaml (left) and of openapi.json (right)");
        List<String> wrongAuth = new ArrayList<>();
        templateRoutes.forEach((route, iam) -> {
            List<Map<String, String>> security = security(CONTRACT.operations().get(route));
            boolean signed = security.equals(SIGNED);
            boolean mentionsIam = security.stream().anyMatch(requirement -> requirement.containsKey("iam"));
            if (iam != signed || (!iam && mentionsIam)) {
                wrongAuth.add(route + (iam ? " requires IAM" : " is not IAM-protected") + " but is described " + security);
            }
        });
        assertEquals(List.of(), wrongAuth);
    }

    @Test
    void describesEveryRouteOfTheHandlersRouteTables() throws IOException {
        Set<String> handled = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(ApiRequest.ROOT.resolve("functions"))) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")
                    && file.toString().contains("src/main/java")).toList()) {
                Matcher literal = ROUTE_LITERAL.matcher(Files.readString(source));
                while (literal.find()) {
                    handled.add(literal.group(1));
                }
            }
        }
        assertTrue(handled.size() >= 24, "route keys in the handlers: " + handled);
        Set<String> undescribed = new TreeSet<>(handled);
        undescribed.removeAll(CONTRACT.operations().keySet());
        assertEquals(Set.of(), undescribed, "routes a handler serves that openapi.json does not describe");
    }

    @Test
    void theRequestExamplesAreTheBodiesOfTheSamplesOfEvents() throws IOException {
        Map<String, JsonNode> examples = new TreeMap<>();
        CONTRACT.operations().values().forEach(operation -> operation.path("requestBody").path("content")
                .forEach(media -> media.path("examples").forEach(example -> {
                    assertTrue(example.path("x-source").isTextual(), "every example names its file: " + example);
                    examples.put(example.get("x-source").asText(), example.get("value"));
                })));
        Set<String> withBodies = ApiRequest.samples().stream().filter(sample -> sample.body().length > 0)
                .map(ApiRequest::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(withBodies, examples.keySet(), "the samples of events/ with a body (left), the examples (right)");
        ObjectMapper lenient = new ObjectMapper();
        for (ApiRequest sample : ApiRequest.samples()) {
            if (sample.body().length == 0) {
                continue;
            }
            String body = new String(sample.body(), StandardCharsets.UTF_8);
            JsonNode expected;
            try {
                expected = lenient.readTree(body);
            } catch (IOException notJson) {
                expected = lenient.getNodeFactory().textNode(body);
            }
            assertEquals(expected, examples.get(sample.name()), "the example of " + sample.name());
        }
    }

    @Test
    void theJsonRequestExamplesConformToTheirStrictSchemas() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (JsonNode operation : CONTRACT.operations().values()) {
            for (JsonNode media : operation.path("requestBody").path("content")) {
                for (JsonNode example : media.path("examples")) {
                    // A body that is not JSON is a sample of a refusal (400 invalid_json), not of a request.
                    if (example.get("value").isContainerNode()) {
                        checked++;
                        violations.addAll(CONTRACT.schemaViolations(media.get("schema"), example.get("value").toString())
                                .stream().map(v -> example.get("x-source").asText() + ": " + v).toList());
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
        assertTrue(checked >= 5, checked + " examples checked");
        assertFalse(CONTRACT.schemaViolations(CONTRACT.document().at("/components/schemas/Feedback"),
                "{\"type\": \"lost\", \"rep\": \"sam\", \"at\": \"2026-11-23T10:30:00Z\", \"feedbackId\": \"f-1\","
                        + " \"stage\": \"won\"}").isEmpty(), "a request with a field the API does not take is refused");
    }

    /** Other work adds fields to answers (a lead's market, say): a client reading the description must expect more. */
    @Test
    void answersStayOpenToNewFields() {
        List<String> closed = new ArrayList<>();
        Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        CONTRACT.operations().forEach((route, operation) ->
                closedObjects(operation.path("responses"), route + " responses", seen, closed));
        assertTrue(seen.size() > 100, seen.size() + " schema nodes of answers walked");
        assertEquals(List.of(), closed, "answer schemas that refuse fields they do not name");
    }

    private static void closedObjects(JsonNode node, String where, Set<JsonNode> seen, List<String> closed) {
        JsonNode resolved = CONTRACT.resolve(node);
        if (!seen.add(resolved)) {
            return;
        }
        if (!resolved.path("additionalProperties").asBoolean(true) || !resolved.path("unevaluatedProperties").asBoolean(true)) {
            closed.add(where);
        }
        resolved.fields().forEachRemaining(field -> closedObjects(field.getValue(), where + "/" + field.getKey(), seen,
                closed));
        resolved.elements().forEachRemaining(element -> closedObjects(element, where + "[]", seen, closed));
    }

    @Test
    void theContractCheckRefusesWhatTheDescriptionDoesNotAllow() {
        String json = "application/json; charset=utf-8";
        String error = "{\"error\": {\"code\": \"missing_lead_id\", \"message\": \"name the lead\", \"field\": \"leadId\"}}";
        assertEquals(List.of(), CONTRACT.violations("GET /v1/leads/{leadId}", 400, json, error));
        assertEquals(List.of(), CONTRACT.violations("GET /v1/leads/{leadId}", 403, "application/json",
                "{\"message\": \"Forbidden\"}"), "API Gateway's own refusal of an unsigned request");

        assertViolation("required property 'code'", CONTRACT.violations("GET /v1/leads/{leadId}", 400, json,
                "{\"error\": {\"message\": \"name the lead\"}}"));
        assertViolation("integer", CONTRACT.violations("POST /v1/events", 202, json,
                "{\"accepted\": \"2\", \"duplicates\": 0, \"rejected\": 0, \"results\": []}"));
        assertViolation("does not declare", CONTRACT.violations("GET /v1/model", 404, json, error));
        assertViolation("content-type 'text/html'", CONTRACT.violations("GET /v1/leads/{leadId}", 400, "text/html",
                "<p>no</p>"));
        assertViolation("none came", CONTRACT.violations("GET /v1/leads/{leadId}", 400, json, ""));
        assertViolation("is not described", CONTRACT.violations("GET /v1/secrets", 200, json, "{}"));
        assertEquals("GET /v1/leads/{leadId}/ledger", CONTRACT.route("GET", "/v1/leads/lead-42/ledger").orElseThrow());
        assertEquals("POST /v1/models/{modelId}/revisions/{n}/publish",
                CONTRACT.route("POST", "/v1/models/default/revisions/2/publish").orElseThrow());
        assertTrue(CONTRACT.route("PUT", "/v1/leads/lead-42").isEmpty(), "no such route");
    }

    private static void assertViolation(String expected, List<String> violations) {
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), "expected a violation saying '" + expected
                + "', got " + violations);
    }

    private static List<Map<String, String>> security(JsonNode operation) {
        List<Map<String, String>> requirements = new ArrayList<>();
        operation.path("security").forEach(requirement -> {
            Map<String, String> schemes = new TreeMap<>();
            requirement.fieldNames().forEachRemaining(name -> schemes.put(name, ""));
            requirements.add(schemes);
        });
        return requirements;
    }
}
