package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.support.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading a POST /v1/events request, in the two steps the handler's authentication goes between: the write key it
 * presents, then the events its body holds. The body is read only once the key is authenticated, so a request
 * without a valid key is refused for its key whatever its body holds, and is never parsed.
 */
final class IngestRequest {
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_EVENTS = 100;

    private IngestRequest() {
    }

    /** The write key, from a request whose body can be read as JSON. */
    static Parsed<PresentedWriteKey> writeKey(APIGatewayV2HTTPEvent request) {
        if (!JsonContentType.accepts(HttpApi.header(request, "content-type").orElse(""))) {
            return refuse(415, "unsupported_media_type", "send the events as application/json (or as text/plain"
                    + " holding JSON, as navigator.sendBeacon does)", "content-type");
        }
        Optional<PresentedWriteKey> key = PresentedWriteKey.of(request);
        if (key.isEmpty()) {
            return refuse(401, "missing_write_key", "send the site's write key in the x-write-key header (or, where"
                    + " headers cannot be set, the writeKey query parameter)", PresentedWriteKey.HEADER);
        }
        return new Parsed.Read<>(key.get());
    }

    /** The body's events: one event object, or {@code {"events": [...]}} with 1 to {@value #MAX_EVENTS}. */
    static Parsed<PostedEvents> events(APIGatewayV2HTTPEvent request) {
        byte[] body;
        try {
            body = HttpApi.body(request);
        } catch (IllegalArgumentException notBase64) {
            return refuse(400, "invalid_body", "the body is marked base64-encoded but is not base64", "(body)");
        }
        if (body.length > MAX_BODY_BYTES) {
            return refuse(413, "body_too_large", "the body is " + body.length + " bytes; at most " + MAX_BODY_BYTES
                    + " (256 KB) per request", "(body)");
        }
        JsonNode root;
        try {
            // Decoded strictly first (a new decoder reports malformed input): Jackson's own UTF-8 reader lets
            // overlong and surrogate encodings through.
            root = Json.mapper().readTree(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return refuse(400, "invalid_json", "the body is not valid UTF-8", "(body)");
        } catch (StreamConstraintsException e) {
            return refuse(400, "invalid_json", "the JSON is too deeply nested or too long: " + e.getOriginalMessage(),
                    "(body)");
        } catch (JsonProcessingException e) {
            return refuse(400, "invalid_json", "the body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                    "(body)");
        } catch (NumberFormatException e) {
            return refuse(400, "invalid_json", "the body holds a number out of any range: " + e.getMessage(), "(body)");
        } catch (IOException e) {
            return refuse(400, "invalid_json", "the body is not valid JSON: " + e.getMessage(), "(body)");
        }
        if (root == null || !root.isObject()) {
            return refuse(400, "invalid_body", "the body must be one event object or {\"events\": [...]}", "(body)");
        }
        return root.has("events") ? batch(root) : new Parsed.Read<>(new PostedEvents(List.of(root), false));
    }

    private static Parsed<PostedEvents> batch(JsonNode root) {
        if (root.size() != 1) {
            List<String> others = new ArrayList<>();
            root.fieldNames().forEachRemaining(name -> {
                if (!name.equals("events")) {
                    others.add(name);
                }
            });
            return refuse(400, "invalid_body", "a batch holds only \"events\"; unknown: " + others, others.get(0));
        }
        JsonNode events = root.get("events");
        if (!events.isArray()) {
            return refuse(400, "invalid_body", "must be an array of events", "events");
        }
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            return refuse(400, "invalid_batch_size", "holds " + events.size() + " events; send 1 to " + MAX_EVENTS,
                    "events");
        }
        List<JsonNode> posted = new ArrayList<>();
        events.forEach(posted::add);
        return new Parsed.Read<>(new PostedEvents(posted, true));
    }

    private static <T> Parsed<T> refuse(int status, String code, String message, String field) {
        return new Parsed.Refused<>(status, new ApiError(code, message, field));
    }
}
