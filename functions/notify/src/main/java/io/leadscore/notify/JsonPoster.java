package io.leadscore.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON to webhooks with the JDK's HTTP client, one attempt at a time. Every request carries the
 * notification's idempotency key, so that a receiver can drop a repeat. Redirects are not followed: a webhook
 * that moved is a configuration to fix, and a signed body has no business travelling to another host.
 */
final class JsonPoster {
    static final String IDEMPOTENCY_KEY = "x-leadscore-idempotency-key";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(7);
    static final Duration LONGEST_ATTEMPT = CONNECT_TIMEOUT.plus(RESPONSE_TIMEOUT);
    private static final String USER_AGENT = "leadscore-notify";
    /** Enough of a refusal to say why (Slack answers {@code invalid_blocks}, {@code no_service}...). */
    private static final int EXCERPT_BYTES = 200;

    /** One per container: it keeps connections to the receivers open between invocations. */
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1) // one request per receiver and invocation: HTTP/2 gains nothing
            .build();

    Attempt post(URI url, String body, String idempotencyKey, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(RESPONSE_TIMEOUT)
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream answer = response.body()) {
                int status = response.statusCode();
                return Attempt.answered(status, status / 100 == 2 ? "" : excerpt(answer), retryAfter(response));
            }
        } catch (IOException e) {
            // The class says what happened (ConnectException, HttpTimeoutException); messages may name the URL.
            return Attempt.unreachable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.unreachable("interrupted");
        }
    }

    private static String excerpt(InputStream answer) {
        try {
            return new String(answer.readNBytes(EXCERPT_BYTES), StandardCharsets.UTF_8)
                    .replaceAll("\\p{Cntrl}+", " ").strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Retry-After in seconds; the HTTP-date form is rare from webhooks and falls back to our own backoff. */
    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after")
                .filter(value -> value.strip().matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
                .orElse(Duration.ZERO);
    }
}
