package io.leadscore.local.runtime;

import com.sun.net.httpserver.HttpServer;

import io.leadscore.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A sales team's webhook on loopback that is down for its first requests: it answers 503 to the first
 * {@code outage} of them and 200 after that, keeping the bodies of the requests it accepted. With no outage it is
 * a plain receiver, as {@link WebhookReceiver}, which always answers 200. It can also be taken down and brought back
 * by the test ({@link #goDown()}, {@link #comeBack()}): an outage of any length.
 */
final class FlakyWebhook implements AutoCloseable {
    private final HttpServer server;
    private final int outage;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    private FlakyWebhook(int outage) throws IOException {
        this.outage = outage;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (requests.incrementAndGet() <= outage || down) {
                    refused.incrementAndGet();
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    accepted.add(body);
                    exchange.sendResponseHeaders(200, -1);
                }
            }
        });
        server.start();
    }

    /** Answers 200 to every request. */
    static FlakyWebhook up() throws IOException {
        return new FlakyWebhook(0);
    }

    /** Answers 503 to the first {@code requests}, then 200. */
    static FlakyWebhook downForFirst(int requests) throws IOException {
        return new FlakyWebhook(requests);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/leadscore");
    }

    /** Every request, refused or accepted. */
    int requests() {
        return requests.get();
    }

    int refused() {
        return refused.get();
    }

    /** Answers 503 to everything from now on, until {@link #comeBack()}. */
    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    /** The bodies of the requests answered 200, in order. */
    List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** How many times each notification was accepted, by its idempotency key ({@code <lead>/<threshold>/<cycle>/<destination>}). */
    Map<String, Long> acceptedByIdempotencyKey() {
        return accepted.stream().map(FlakyWebhook::idempotencyKey)
                .collect(Collectors.groupingBy(key -> key, TreeMap::new, Collectors.counting()));
    }

    private static String idempotencyKey(String body) {
        try {
            return Json.mapper().readTree(body).get("idempotencyKey").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("the webhook received something that is not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
