package io.leadscore.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * EventBridge's PutEvents in its JSON 1.1 protocol: checks a request as EventBridge does, turns each valid entry into
 * the event that targets receive, and writes the answer. A request can be refused whole ({@link RequestException}),
 * or entry by entry, each refused entry with an error code in the answer and the others accepted.
 */
final class PutEvents {

    static final String TARGET = "AWSEvents.PutEvents";
    private static final int MAX_ENTRIES = 10;
    /** EventBridge's limit on the entries of a request, counted as its documentation says, Time as 14 bytes. */
    private static final int MAX_ENTRIES_BYTES = 256 * 1024;
    private static final int TIME_BYTES = 14;
    private static final String BUS_ARN_PREFIX = ":event-bus/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PutEvents() {
    }

    /** What became of each entry, in the order of the request. */
    static List<Result> read(byte[] request) throws RequestException {
        JsonNode entries = parse(request).path("Entries");
        if (entries.isMissingNode() || entries.isNull()) {
            throw invalid("Value null at 'entries' failed to satisfy constraint: Member must not be null");
        }
        if (!entries.isArray()) {
            throw new RequestException("SerializationException", "Entries must be a list");
        }
        if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw invalid("Value at 'entries' failed to satisfy constraint: Member must have length "
                    + (entries.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_ENTRIES));
        }
        long bytes = 0;
        for (JsonNode entry : entries) {
            bytes += size(entry);
        }
        if (bytes > MAX_ENTRIES_BYTES) {
            throw new RequestException("ValidationException", "Total size of the entries in the request is over the limit.");
        }
        List<Result> results = new ArrayList<>();
        for (JsonNode entry : entries) {
            results.add(resultOf(entry));
        }
        return results;
    }

    /** The answer: {@code {"FailedEntryCount": 1, "Entries": [{"EventId": "..."}, {"ErrorCode": "...", "ErrorMessage": "..."}]}}. */
    static byte[] answer(List<Result> results) {
        ObjectNode answer = JSON.createObjectNode()
                .put("FailedEntryCount", results.stream().filter(Refused.class::isInstance).count());
        ArrayNode entries = answer.putArray("Entries");
        results.forEach(result -> entries.add(result.toAnswer()));
        return answer.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Result resultOf(JsonNode entry) throws RequestException {
        String source = text(entry, "Source");
        String detailType = text(entry, "DetailType");
        String detail = text(entry, "Detail");
        if (source.isEmpty()) {
            return missing("Source");
        }
        if (detailType.isEmpty()) {
            return missing("DetailType");
        }
        if (detail.isEmpty()) {
            return missing("Detail");
        }
        if (source.startsWith("aws.")) {
            return new Refused("NotAuthorizedForSourceException", "Not authorized for the source.");
        }
        JsonNode detailObject = detailObject(detail);
        if (detailObject == null) {
            return new Refused("MalformedDetail", "Detail is malformed.");
        }
        String id = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode()
                .put("version", "0")
                .put("id", id)
                .put("detail-type", detailType)
                .put("source", source)
                .put("account", LocalAws.ACCOUNT_ID)
                .put("time", DateTimeFormatter.ISO_INSTANT.format(time(entry).truncatedTo(ChronoUnit.SECONDS)))
                .put("region", LocalAws.REGION.id());
        ArrayNode resources = event.putArray("resources");
        texts(entry, "Resources").forEach(resources::add);
        event.set("detail", detailObject);
        return new Accepted(new PublishedEvent(busName(text(entry, "EventBusName")), id, event.toString()));
    }

    private static Refused missing(String field) {
        return new Refused("InvalidArgument", "Parameter " + field + " is not valid. Reason: " + field + " is a required argument.");
    }

    /** The default bus for none, and the name of a bus given by its ARN. */
    private static String busName(String nameOrArn) {
        if (nameOrArn.isEmpty()) {
            return EventRuleSource.DEFAULT_BUS;
        }
        int arnPrefix = nameOrArn.indexOf(BUS_ARN_PREFIX);
        return nameOrArn.startsWith("arn:") && arnPrefix > 0 ? nameOrArn.substring(arnPrefix + BUS_ARN_PREFIX.length()) : nameOrArn;
    }

    /** The SDK sends {@code Time} in epoch seconds; events carry whole seconds. */
    private static Instant time(JsonNode entry) throws RequestException {
        if (!entry.hasNonNull("Time")) {
            return Instant.now();
        }
        JsonNode time = entry.get("Time");
        if (!time.isNumber()) {
            throw new RequestException("SerializationException", "Time must be a number of epoch seconds, not " + time);
        }
        return Instant.ofEpochSecond(time.longValue());
    }

    private static long size(JsonNode entry) throws RequestException {
        long size = entry.hasNonNull("Time") ? TIME_BYTES : 0;
        for (String field : List.of("Source", "DetailType", "Detail")) {
            size += utf8Length(text(entry, field));
        }
        for (String resource : texts(entry, "Resources")) {
            size += utf8Length(resource);
        }
        return size;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The detail as a JSON object, or null when it is not one. */
    private static JsonNode detailObject(String detail) {
        try {
            JsonNode json = JSON.readTree(detail);
            return json.isObject() ? json : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode parse(byte[] request) throws RequestException {
        JsonNode json;
        try {
            json = JSON.readTree(new String(request, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new RequestException("SerializationException", e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw new RequestException("SerializationException", "the request is not a JSON object");
        }
        return json;
    }

    /** A string field of an entry; empty when it is absent. */
    private static String text(JsonNode entry, String field) throws RequestException {
        if (!entry.hasNonNull(field)) {
            return "";
        }
        JsonNode value = entry.get(field);
        if (!value.isTextual()) {
            throw new RequestException("SerializationException", field + " must be a string, not " + value);
        }
        return value.textValue();
    }

    private static List<String> texts(JsonNode entry, String field) throws RequestException {
        if (!entry.hasNonNull(field)) {
            return List.of();
        }
        JsonNode values = entry.get(field);
        if (!values.isArray()) {
            throw notStrings(field, values);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw notStrings(field, values);
            }
            texts.add(value.textValue());
        }
        return texts;
    }

    private static RequestException notStrings(String field, JsonNode values) {
        return new RequestException("SerializationException", field + " must be a list of strings, not " + values);
    }

    private static RequestException invalid(String constraint) {
        return new RequestException("ValidationException", "1 validation error detected: " + constraint);
    }

    /** What became of one entry. */
    sealed interface Result permits Accepted, Refused {
        /** The entry's element of the {@code Entries} of the answer. */
        ObjectNode toAnswer();
    }

    record Accepted(PublishedEvent event) implements Result {
        @Override
        public ObjectNode toAnswer() {
            return JSON.createObjectNode().put("EventId", event.id());
        }
    }

    record Refused(String errorCode, String errorMessage) implements Result {
        @Override
        public ObjectNode toAnswer() {
            return JSON.createObjectNode().put("ErrorCode", errorCode).put("ErrorMessage", errorMessage);
        }
    }

    /** EventBridge refuses the whole request: HTTP 400 with an error of this type. */
    static final class RequestException extends Exception {

        private static final long serialVersionUID = 1L;
        private final String type;

        RequestException(String type, String message) {
            super(message);
            this.type = type;
        }

        String type() {
            return type;
        }
    }
}
