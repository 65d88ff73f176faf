package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.support.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random bodies against a real ingest handler on DynamoDB Local: whatever arrives, the handler answers (never
 * throws), never with a 5xx, always with JSON, and an answer other than 202 leaves the table as it was.
 */
class IngestFuzzPropertiesTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A lenient writer: the bodies it writes are the generator's, not the service's. */
    private static final ObjectMapper WRITER = new ObjectMapper();
    private static final List<String> FIELD_NAMES = List.of("events", "eventId", "type", "leadId", "anonymousId",
            "timestamp", "properties", "url", "percent", "formId", "videoId", "companySize", "email");
    private static final List<String> EVENT_FIELDS = List.of("eventId", "type", "leadId", "anonymousId",
            "timestamp", "properties");

    /** One handler and one table for every try: start-up is paid once, and state carries over as in Lambda. */
    private static IngestTestbed testbed;

    private static synchronized IngestTestbed testbed() {
        if (testbed == null) {
            testbed = new IngestTestbed();
        }
        return testbed;
    }

    @Property(tries = 150)
    void randomBytesAreAnsweredWithJson(@ForAll("bytes") byte[] body) {
        answersSafely(IngestTestbed.post(headers(), Base64.getEncoder().encodeToString(body), true));
    }

    @Property(tries = 100)
    void randomTextIsAnsweredWithJson(@ForAll String body) {
        answersSafely(IngestTestbed.post(body));
    }

    @Property(tries = 150)
    void randomJsonIsAnsweredWithJson(@ForAll("json") JsonNode body) throws IOException {
        answersSafely(IngestTestbed.post(WRITER.writeValueAsString(body)));
    }

    @Property(tries = 200)
    void mutatedEventsAreAnsweredWithJson(@ForAll("mutatedEvents") JsonNode body) throws IOException {
        answersSafely(IngestTestbed.post(WRITER.writeValueAsString(body)));
    }

    private static void answersSafely(APIGatewayV2HTTPEvent request) {
        IngestTestbed service = testbed();
        int storedBefore = service.storedItems();
        APIGatewayV2HTTPResponse response = service.handle(request); // an exception fails the property
        int status = response.getStatusCode();
        assertTrue(status == 202 || status >= 400 && status < 500, "a 202 or a 4xx, not " + status);
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.getBody());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
        assertTrue(body.isObject(), response.getBody());
        if (status != 202) {
            assertTrue(body.path("error").path("code").isTextual(), "names the problem: " + response.getBody());
            assertEquals(storedBefore, service.storedItems(), "a refused request stores nothing");
        }
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return jsonValue(4);
    }

    /** A valid event with one field replaced by a random value, or removed. */
    @Provide
    Arbitrary<JsonNode> mutatedEvents() {
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of(EVENT_FIELDS),
                Arbitraries.of("url", "percent", "title", "videoId").map(name -> "properties." + name),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<JsonNode> value = Arbitraries.oneOf(jsonValue(2), Arbitraries.just(null));
        return Combinators.combine(Arbitraries.of("page_view", "video_progress", "identify"), field, value)
                .as((type, path, replacement) -> mutate(validEvent(type), path, replacement));
    }

    private static JsonNode mutate(ObjectNode event, String path, JsonNode replacement) {
        ObjectNode target = path.startsWith("properties.") ? (ObjectNode) event.get("properties") : event;
        String name = path.startsWith("properties.") ? path.substring("properties.".length()) : path;
        if (replacement == null) {
            target.remove(name);
        } else {
            target.set(name, replacement);
        }
        return event;
    }

    private static ObjectNode validEvent(String type) {
        ObjectNode properties = NODES.objectNode().put("url", "https://acme.example/pricing").put("videoId", "v1")
                .put("percent", 50);
        return NODES.objectNode().put("type", type).put("leadId", "lead-fuzz")
                .put("timestamp", "2026-11-23T10:00:00Z").set("properties", properties);
    }

    private static Arbitrary<JsonNode> jsonValue(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.bigDecimals().ofScale(3).map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.strings().ofMaxLength(40).map(NODES::textNode),
                Arbitraries.of("page_view", "2026-11-23T10:00:00Z", "lead-1", "", "anon:x").map(NODES::textNode));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> child = Arbitraries.lazy(() -> jsonValue(depth - 1));
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), Arbitraries.strings().ofMaxLength(10));
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(items -> NODES.arrayNode().addAll(items));
        Arbitrary<JsonNode> object = Combinators.combine(name, child).as(Tuple::of).list().ofMaxSize(6)
                .map(entries -> {
                    Map<String, JsonNode> fields = new HashMap<>();
                    entries.forEach(entry -> fields.put(entry.get1(), entry.get2()));
                    return NODES.objectNode().setAll(fields);
                });
        return Arbitraries.frequencyOf(Tuple.of(2, scalar), Tuple.of(1, array), Tuple.of(3, object));
    }

    private static Map<String, String> headers() {
        return new HashMap<>(Map.of("content-type", "application/json", "x-write-key", IngestTestbed.WRITE_KEY));
    }
}
