package io.leadscore.redrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What Lambda writes to a stream consumer's on-failure destination when a batch fails for good: the batch's shard,
 * sequence numbers and arrival times ({@code DDBStreamBatchInfo}), never its records. The arrival times are what
 * outlive the stream: the redrive finds the batch's activities in the table by them.
 */
record FailedBatch(String shardId, String startSequenceNumber, String endSequenceNumber, Instant firstArrival,
                   Instant lastArrival) {

    static final String INFO = "DDBStreamBatchInfo";

    /** @throws IllegalArgumentException naming the field that is missing or unreadable */
    static FailedBatch parse(String body) {
        JsonNode info;
        try {
            info = Json.mapper().readTree(body == null ? "" : body).path(INFO);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the message is not JSON: " + e.getOriginalMessage());
        }
        if (!info.isObject()) {
            throw new IllegalArgumentException(INFO + " is missing: the message is not a stream batch's failure record");
        }
        return new FailedBatch(text(info, "shardId"), text(info, "startSequenceNumber"), text(info, "endSequenceNumber"),
                instant(info, "approximateArrivalOfFirstRecord"), instant(info, "approximateArrivalOfLastRecord"));
    }

    private static String text(JsonNode info, String field) {
        JsonNode value = info.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(INFO + "." + field + " is missing or not a string");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode info, String field) {
        String value = text(info, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(INFO + "." + field + " is not an ISO-8601 instant: " + value);
        }
    }
}
