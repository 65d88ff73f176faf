package io.leadscore.notify;

import java.util.Locale;

/**
 * What became of one destination's notification in this invocation.
 *
 * @param attempts   attempts made by this invocation
 * @param statusCode the receiver's answer to the last of them, if any
 * @param error      why the last failed, without the receiver's words (see {@link Attempt})
 */
record DeliveryOutcome(String destinationId, Result result, int attempts, Integer statusCode, String error) {

    enum Result {
        DELIVERED("NotificationsDelivered"),
        /** By an earlier invocation: a redelivered event. */
        ALREADY_DELIVERED("NotificationsAlreadyDelivered"),
        /** Another invocation holds the claim; Lambda's retry will find it delivered or free. */
        CLAIMED_ELSEWHERE("NotificationsClaimedElsewhere"),
        /** The destination is down (or has notifications buffered before it): in its outage queue. */
        BUFFERED("NotificationsBuffered"),
        /** Buffered by an earlier invocation: a redelivered event, which the scheduled retry serves. */
        ALREADY_BUFFERED("NotificationsAlreadyBuffered"),
        /** Refused for good (a 4xx), or the table could not be reached. */
        FAILED("NotificationsFailed");

        private final String metric;

        Result(String metric) {
            this.metric = metric;
        }

        String metric() {
            return metric;
        }

        /** "already delivered" */
        String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Whether the event must be tried again for this destination. */
    boolean unfinished() {
        return result == Result.FAILED || result == Result.CLAIMED_ELSEWHERE;
    }

    /** "crm: HTTP 503 after 4 attempts" */
    String summary() {
        return destinationId + ": " + switch (result) {
            case FAILED -> attempts == 0 ? error
                    : error + " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
            case CLAIMED_ELSEWHERE -> "being delivered by another invocation";
            default -> result.words();
        };
    }
}
