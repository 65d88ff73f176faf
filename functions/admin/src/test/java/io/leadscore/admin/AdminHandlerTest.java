package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscore.aws.dynamodb.ModelSeed;
import io.leadscore.aws.dynamodb.ModelStore;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.local.HttpRoute;
import io.leadscore.local.LocalDynamoDb;
import io.leadscore.local.LocalFunctions;
import io.leadscore.local.SamTemplate;
import io.leadscore.revision.ModelRevision;
import io.leadscore.revision.RevisionComparison;
import io.leadscore.support.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin handler fed with the sample requests in events/admin, on DynamoDB Local: each route, and each refusal
 * naming the field at fault.
 */
class AdminHandlerTest {
    private static final String LIST = "../../events/admin/list-revisions.json";
    private static final String GET = "../../events/admin/get-revision.json";
    private static final String DRAFT = "../../events/admin/draft-revision.json";
    private static final String COMPARE = "../../events/admin/compare-revisions-csv.json";
    /** The caller the samples name: what a draft records as its author. */
    private static final String CALLER = "arn:aws:iam::123456789012:user/marketing-ops";
    private static final String NOW = "2026-12-01T09:00:00Z";
    /** Jackson without the service's 64 KB string limit on input: a revision's YAML may be 256 KB. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
    private AdminHandler handler;
    private ModelStore models;

    @BeforeEach
    void freshTable() {
        dynamoDb.freshTables();
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("AdminFunction"));
        env.put("CLOCK_START", NOW);
        handler = new AdminHandler(new Environment(env));
        models = new ModelStore(dynamoDb.client(), dynamoDb.tableName("LeadScoreTable"));
    }

    @Test
    void listsTheRevisionsSeedingTheFirstWhenNoFunctionHasYet() {
        JsonNode list = body(200, handle(LIST, request -> { }));

        assertEquals("default", list.get("modelId").asText());
        assertEquals(1, list.get("published").asInt());
        assertEquals(1, list.get("latest").asInt());
        assertEquals("leadscore seed (default-model.yaml)", list.get("publishedBy").asText());
        assertEquals(list.get("publishedAt"), list.get("firstPublishedAt"));
        assertEquals(Instant.parse(list.get("firstPublishedAt").asText()).plus(Duration.ofDays(60)),
                Instant.parse(list.get("nextReviewAt").asText()), "reviewed 60 days after the first publish");
        assertFalse(list.get("reviewOverdue").asBoolean());
        JsonNode first = list.at("/revisions/0");
        assertEquals(1, first.get("number").asInt());
        assertEquals("The shipped defaults, before any review with sales.", first.get("notes").asText());
        assertEquals(Sha256.hex(ModelSeed.of(null).yaml()), first.get("sha256").asText());
        assertTrue(first.get("basedOn").isNull());
        assertTrue(first.get("published").asBoolean());
        assertFalse(first.has("yaml"), "a list carries no YAML");
        assertEquals(1, list.get("revisions").size());
    }

    @Test
    void saysWhenTheReviewIsOverdue() {
        body(200, handle(LIST, request -> { }));
        Map<String, String> env = new HashMap<>(LocalFunctions.environment("AdminFunction"));
        env.put("CLOCK_START", Instant.parse(NOW).plus(Duration.ofDays(61)).toString());

        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(LIST);
        JsonNode list = body(200, new AdminHandler(new Environment(env)).handleRequest(request, null));

        assertTrue(list.get("reviewOverdue").asBoolean(), list.toString());
    }

    @Test
    void draftsAnUploadedYamlUnderTheNextNumberWithTheCallerAsAuthor() {
        String yaml = pricingAt(40);
        APIGatewayV2HTTPResponse response = handle(DRAFT, request -> {
            request.setQueryStringParameters(null);
            request.setBody(yaml);
            request.getHeaders().put("content-type", "application/yaml");
        });

        JsonNode drafted = body(201, response);
        assertEquals("/v1/models/default/revisions/2", response.getHeaders().get("location"));
        assertEquals("default", drafted.get("modelId").asText());
        assertEquals(2, drafted.get("number").asInt());
        assertEquals(1, drafted.get("warnings").size());
        assertTrue(drafted.at("/warnings/0").asText().startsWith("version: 1 is ignored"), drafted.toString());

        JsonNode second = body(200, handle(GET, request -> request.getPathParameters().put("n", "2")));
        assertEquals(CALLER, second.get("author").asText());
        Instant createdAt = Instant.parse(second.get("createdAt").asText());
        assertTrue(!createdAt.isBefore(Instant.parse(NOW)) && createdAt.isBefore(Instant.parse(NOW).plusSeconds(60)),
                "dated by the function's clock: " + createdAt);
        assertEquals("Q1 review: a copy of the published revision to edit", second.get("notes").asText(),
                "x-notes wins over the YAML's notes");
        assertEquals(yaml, second.get("yaml").asText());
        assertEquals(Sha256.hex(yaml), second.get("sha256").asText());
        assertEquals("Sales calls pricing visits the strongest signal short of a demo request.",
                second.at("/ruleNotes/rule:pricing-page").asText());
        assertTrue(second.get("basedOn").isNull(), "an upload is based on no revision");
        assertFalse(second.get("published").asBoolean(), "a draft is not published");
    }

    @Test
    void draftsACopyOfThePublishedRevision() {
        JsonNode drafted = body(201, handle(DRAFT, request -> { }));

        assertEquals(2, drafted.get("number").asInt());
        assertEquals(1, drafted.get("warnings").size(), "the copied YAML's version: 1 is ignored: " + drafted);
        ModelRevision copy = models.revision("default", 2).orElseThrow();
        assertEquals(1, copy.basedOn());
        assertEquals(ModelSeed.of(null).yaml(), copy.yaml());
        assertEquals(CALLER, copy.author());
    }

    @Test
    void showsARevisionAsJsonOrItsYamlAsStored() {
        JsonNode first = body(200, handle(GET, request -> { }));
        assertEquals(1, first.get("number").asInt());
        assertEquals(ModelSeed.of(null).yaml(), first.get("yaml").asText());
        assertTrue(first.get("published").asBoolean());

        APIGatewayV2HTTPResponse yaml = handle(GET, request -> request.setQueryStringParameters(Map.of("format", "yaml")));
        assertEquals(200, yaml.getStatusCode());
        assertEquals("application/yaml", yaml.getHeaders().get("content-type"));
        assertEquals(ModelSeed.of(null).yaml(), yaml.getBody());

        JsonNode published = body(200, handle(GET, request -> request.getPathParameters().put("n", "published")));
        assertEquals(1, published.get("number").asInt());
    }

    @Test
    void comparesRevisionsAsCsvThatOpensInASpreadsheet() {
        draft(pricingAt(40), "pricing up after the review");

        APIGatewayV2HTTPResponse csv = handle(COMPARE, request -> { });

        assertEquals(200, csv.getStatusCode(), csv.getBody());
        assertEquals("text/csv; charset=utf-8", csv.getHeaders().get("content-type"));
        assertEquals("attachment; filename=\"default-r1-r2.csv\"", csv.getHeaders().get("content-disposition"));
        List<String> lines = List.of(csv.getBody().split("\r\n"));
        assertEquals("\uFEFFsection,key,label,r1,r2,notes r1,notes r2", lines.get(0), "a BOM tells spreadsheets UTF-8");
        String pricing = lines.stream().filter(line -> line.startsWith("rule,rule:pricing-page,")).findFirst()
                .orElseThrow(() -> new AssertionError(csv.getBody()));
        assertTrue(pricing.contains("15") && pricing.contains("40") && pricing.contains(" *"), pricing);
        assertEquals(RevisionComparison.of(List.copyOf(models.revisions("default", List.of(1, 2)).values())).toCsv(),
                csv.getBody(), "the domain's table, as it renders");
    }

    @Test
    void comparesRevisionsAsJsonInEitherDirection() {
        draft(pricingAt(40), "pricing up after the review");

        JsonNode table = body(200, handle(COMPARE, request -> request.setQueryStringParameters(
                Map.of("from", "published", "to", "2"))));
        JsonNode backwards = body(200, handle(COMPARE, request -> request.setQueryStringParameters(
                Map.of("from", "2", "to", "1"))));

        assertEquals(List.of(1, 2), numbers(table.get("revisions")));
        assertEquals(List.of(2, 1), numbers(backwards.get("revisions")));
        JsonNode pricing = row(table, "rule:pricing-page");
        assertEquals("rule", pricing.get("section").asText());
        assertFalse(pricing.at("/cells/0/changed").asBoolean());
        assertTrue(pricing.at("/cells/1/changed").asBoolean());
        assertEquals(2, pricing.at("/cells/1/revision").asInt());
        assertTrue(pricing.at("/cells/1/value").asText().startsWith("40"), pricing.toString());
        assertEquals("Sales calls pricing visits the strongest signal short of a demo request.",
                pricing.at("/cells/0/note").asText());
    }

    @Test
    void refusesAModelWithEveryProblemAndItsPlaceAndStoresNothing() {
        String broken = pricingAt(40).replace("event: page_view", "event: page_veiw")
                .replace("    points: 10\n", "    points: lots\n");

        JsonNode error = body(400, handle(DRAFT, request -> {
            request.setQueryStringParameters(null);
            request.setBody(broken);
            request.getHeaders().put("content-type", "application/yaml; charset=utf-8");
        })).get("error");

        assertEquals("invalid_model", error.get("code").asText());
        assertEquals("body", error.get("field").asText());
        List<String> places = new ArrayList<>();
        error.get("problems").forEach(problem -> {
            places.add(problem.get("field").asText());
            assertTrue(problem.get("problem").asText().length() > 5, problem.toString());
        });
        assertTrue(places.contains("rules[0].event"), places.toString());
        assertTrue(places.stream().anyMatch(place -> place.endsWith(".points")), places.toString());
        assertEquals(1, models.pointer("default").orElseThrow().latest(), "nothing stored");
    }

    @Test
    void aYamlThatIsNotYamlIsOneProblemAtTheRoot() {
        JsonNode error = body(400, handle(DRAFT, request -> {
            request.setQueryStringParameters(null);
            request.setBody("model: [unclosed");
        })).get("error");

        assertEquals("invalid_model", error.get("code").asText());
        assertEquals("(root)", error.at("/problems/0/field").asText());
        assertTrue(error.at("/problems/0/problem").asText().contains("not valid YAML"), error.toString());
    }

    /** A refused request, the field it must name, and what is changed in a sample to make it. */
    static Stream<Arguments> refusals() {
        String tooLarge = "x".repeat(ModelStore.MAX_YAML_BYTES + 1);
        return Stream.of(
                refusal("another model", LIST, 404, "model_not_found", "modelId",
                        r -> r.getPathParameters().put("modelId", "acme")),
                refusal("a model id that cannot be one", LIST, 400, "invalid_model_id", "modelId",
                        r -> r.getPathParameters().put("modelId", "a#b")),
                refusal("a list parameter that does not exist", LIST, 400, "unknown_parameter", "limit",
                        r -> r.setQueryStringParameters(Map.of("limit", "5"))),
                refusal("a revision that is not a number", GET, 400, "invalid_n", "n",
                        r -> r.getPathParameters().put("n", "latest")),
                refusal("revision 0", GET, 400, "invalid_n", "n", r -> r.getPathParameters().put("n", "0")),
                refusal("a revision not drafted yet", GET, 404, "revision_not_found", "n",
                        r -> r.getPathParameters().put("n", "9")),
                refusal("a format it does not write", GET, 400, "invalid_format", "format",
                        r -> r.setQueryStringParameters(Map.of("format", "xml"))),
                refusal("no body and nothing to copy", DRAFT, 400, "missing_body", "body",
                        r -> r.setQueryStringParameters(null)),
                refusal("a body and a revision to copy", DRAFT, 400, "ambiguous_source", "from",
                        r -> r.setBody(pricingAt(40))),
                refusal("a revision to copy that does not exist", DRAFT, 404, "revision_not_found", "from",
                        r -> r.setQueryStringParameters(Map.of("from", "7"))),
                refusal("JSON instead of YAML", DRAFT, 415, "unsupported_media_type", "content-type", r -> {
                    r.setQueryStringParameters(null);
                    r.setBody("{\"model\": \"default\"}");
                    r.getHeaders().put("content-type", "application/json");
                }),
                refusal("curl's form encoding", DRAFT, 415, "unsupported_media_type", "content-type", r -> {
                    r.setQueryStringParameters(null);
                    r.setBody(pricingAt(40));
                    r.getHeaders().put("content-type", "application/x-www-form-urlencoded");
                }),
                refusal("a YAML over 256 KB", DRAFT, 413, "body_too_large", "body", r -> {
                    r.setQueryStringParameters(null);
                    r.setBody(tooLarge);
                }),
                refusal("a body that is not UTF-8", DRAFT, 400, "invalid_encoding", "body", r -> {
                    r.setQueryStringParameters(null);
                    r.setBody(Base64.getEncoder().encodeToString(new byte[] {'m', ':', ' ', (byte) 0xC3, (byte) 0x28}));
                    r.setIsBase64Encoded(true);
                }),
                refusal("notes over 2,000 characters", DRAFT, 400, "invalid_model", "body",
                        r -> r.getHeaders().put("x-notes", "n".repeat(2_001))),
                refusal("a comparison without its start", COMPARE, 400, "missing_from", "from",
                        r -> r.setQueryStringParameters(Map.of("to", "1"))),
                refusal("a comparison past the latest revision", COMPARE, 404, "revision_not_found", "to",
                        r -> r.setQueryStringParameters(Map.of("from", "1", "to", "3"))),
                refusal("a comparison in a format it does not write", COMPARE, 400, "invalid_format", "format",
                        r -> r.setQueryStringParameters(Map.of("from", "1", "to", "1", "format", "xlsx"))),
                refusal("a request without an IAM caller", LIST, 403, "forbidden", "authorization",
                        r -> r.getRequestContext().setAuthorizer(null)),
                refusal("a route the function does not serve", LIST, 404, "route_not_found", "path",
                        r -> r.setRouteKey("DELETE /v1/models/{modelId}/revisions")));
    }

    private static Arguments refusal(String name, String sample, int status, String code, String field,
                                     Consumer<APIGatewayV2HTTPEvent> change) {
        return Arguments.of(name, sample, status, code, field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesNamingTheFieldAndTheProblem(String name, String sample, int status, String code, String field,
                                            Consumer<APIGatewayV2HTTPEvent> change) {
        draft(pricingAt(40), "a second revision, so that comparisons have two");

        JsonNode error = body(status, handle(sample, change)).get("error");

        assertEquals(code, error.get("code").asText(), error.toString());
        assertEquals(field, error.get("field").asText(), error.toString());
        assertTrue(error.get("message").asText().length() > 10, error.toString());
        assertEquals(2, models.pointer("default").orElseThrow().latest(), name + ": nothing stored");
    }

    @Test
    void refusesMoreThanTwentyRevisionsSideBySide() {
        for (int i = 0; i < 20; i++) {
            draft(pricingAt(20 + i), null);
        }

        JsonNode error = body(400, handle(COMPARE, request -> request.setQueryStringParameters(
                Map.of("from", "1", "to", "21")))).get("error");

        assertEquals("too_many_revisions", error.get("code").asText());
        assertEquals("to", error.get("field").asText());
        assertEquals(200, handle(COMPARE, request -> request.setQueryStringParameters(
                Map.of("from", "2", "to", "21"))).getStatusCode(), "twenty is fine");
    }

    @Test
    void servesEveryRouteTheTemplateGivesIt() {
        List<HttpRoute> routes = SamTemplate.load(SamTemplate.locate()).function("AdminFunction").httpRoutes();
        assertEquals(15, routes.size());
        for (HttpRoute route : routes) {
            assertTrue(route.iamAuth(), route + " requires IAM");
            JsonNode answer = json(handle(LIST, request -> request.setRouteKey(route.routeKey())));
            assertNotEquals("route_not_found", answer.at("/error/code").asText(), route.routeKey());
        }
    }

    private void draft(String yaml, String notes) {
        models.seed("default", ModelSeed.of(null), Instant.parse(NOW));
        models.draft("default", n -> ModelRevision.draft("default", n, yaml, CALLER, Instant.parse(NOW), notes, null));
    }

    private APIGatewayV2HTTPResponse handle(String sample, Consumer<APIGatewayV2HTTPEvent> change) {
        APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(sample);
        request.setHeaders(new HashMap<>(request.getHeaders()));
        request.setPathParameters(new HashMap<>(request.getPathParameters()));
        change.accept(request);
        return handler.handleRequest(request, null);
    }

    /** The shipped model with the pricing page worth {@code points} instead of 15. */
    private static String pricingAt(int points) {
        return ModelSeed.of(null).yaml().replace("    points: 15\n", "    points: " + points + "\n");
    }

    private static JsonNode body(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        return json(response);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) {
        assertTrue(response.getHeaders().get("content-type").startsWith("application/json"), response.getHeaders()
                .toString());
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private static List<Integer> numbers(JsonNode array) {
        List<Integer> numbers = new ArrayList<>();
        array.forEach(n -> numbers.add(n.asInt()));
        return numbers;
    }

    private static JsonNode row(JsonNode table, String key) {
        for (JsonNode row : table.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + table);
    }
}
