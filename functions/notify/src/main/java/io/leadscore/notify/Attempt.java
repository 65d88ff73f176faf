package io.leadscore.notify;

import java.time.Duration;

/**
 * What one attempt at handing over a notification came to. Network errors, 429 and 5xx are worth another
 * attempt; any other answer but 2xx (a 4xx, a redirect) will be the same next time.
 *
 * @param statusCode the receiver's HTTP status, or null when there was none (network error, a log line)
 * @param error      what went wrong ({@code HTTP 500}, {@code HttpTimeoutException}), fit for logs: never a URL
 *                   (Slack's carry their secret) nor the receiver's words
 * @param answer     the start of the receiver's refusal, which says why ({@code invalid_blocks}); kept in the
 *                   delivery record only, since a receiver may echo what it was sent
 * @param retryAfter how long the receiver asked us to wait (429, 503), or zero
 */
record Attempt(Verdict verdict, Integer statusCode, String error, String answer, Duration retryAfter) {

    enum Verdict { DELIVERED, RETRYABLE, PERMANENT }

    /** Handed over where no one answers: a log line. */
    static Attempt written() {
        return new Attempt(Verdict.DELIVERED, null, null, null, Duration.ZERO);
    }

    /** The receiver's status, with the start of its body when it refused. */
    static Attempt answered(int statusCode, String answer, Duration retryAfter) {
        Verdict verdict = statusCode >= 200 && statusCode < 300 ? Verdict.DELIVERED
                : statusCode == 429 || statusCode >= 500 ? Verdict.RETRYABLE
                : Verdict.PERMANENT;
        return verdict == Verdict.DELIVERED
                ? new Attempt(verdict, statusCode, null, null, retryAfter)
                : new Attempt(verdict, statusCode, "HTTP " + statusCode, answer.isEmpty() ? null : answer, retryAfter);
    }

    static Attempt unreachable(String error) {
        return new Attempt(Verdict.RETRYABLE, null, error, null, Duration.ZERO);
    }

    boolean delivered() {
        return verdict == Verdict.DELIVERED;
    }

    boolean retryable() {
        return verdict == Verdict.RETRYABLE;
    }
}
