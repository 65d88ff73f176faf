package io.leadscore.aws.dynamodb;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Locale;

/**
 * One destination's delivery of one qualification, as recorded: what the sales team's tooling shows when
 * someone asks "were we told?".
 *
 * @param destinationType {@code slack}, {@code webhook} or {@code log}
 * @param attempts        attempts made, across every invocation that tried
 * @param statusCode      the receiver's answer to the last attempt; null when none came or none is expected (log)
 * @param error           why the last attempt failed ({@code HTTP 400}, {@code HttpTimeoutException}); null once
 *                        delivered
 * @param answer          the start of the receiver's refusal ({@code invalid_blocks}), if it said anything
 * @param deliveredAt     when the receiver accepted it; null until then
 */
public record Delivery(String qualificationId, String destinationId, String destinationType, Status status,
                       int attempts, Integer statusCode, String error, String answer, Instant createdAt,
                       Instant updatedAt, Instant deliveredAt) {

    public enum Status {
        /** Claimed by an invocation that is sending it, or that stopped before it could say how it went. */
        PENDING,
        DELIVERED,
        /** The last invocation gave up; the event is retried by Lambda and then kept in the dead-letter queue. */
        FAILED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
