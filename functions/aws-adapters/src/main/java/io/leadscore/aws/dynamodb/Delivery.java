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
 * @param bufferedAt      when it was first put in its destination's outage queue; null if it never was
 * @param nextAttemptAt   while {@code waiting}: when the scheduled retry tries it next (if nothing is ahead of it)
 */
public record Delivery(String qualificationId, String destinationId, String destinationType, Status status,
                       int attempts, Integer statusCode, String error, String answer, Instant createdAt,
                       Instant updatedAt, Instant deliveredAt, Instant bufferedAt, Instant nextAttemptAt) {

    public enum Status {
        /** Claimed by an invocation that is sending it, or that stopped before it could say how it went. */
        PENDING,
        DELIVERED,
        /** Refused for good (a 4xx): the event is retried by Lambda and then kept in the dead-letter queue. */
        FAILED,
        /** The destination is down: buffered in its outage queue, tried again by the scheduled retry. */
        WAITING,
        /** Still not delivered 24 hours after it was buffered, or refused for good when retried: a person's. */
        ABANDONED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
