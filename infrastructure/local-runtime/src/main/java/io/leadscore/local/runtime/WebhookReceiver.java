package io.leadscore.local.runtime;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A sales team's webhook endpoint on loopback: records every POST (when, headers, body) and answers 200.
 * Used by the tests and the latency driver to see what the notify function really sent.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Received(long nanoTime, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(System.nanoTime(), Map.copyOf(exchange.getRequestHeaders()), body));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/leadscore");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits for the first request whose body passes {@code test}. */
    public Received await(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received request : received) {
                if (test.test(request.body())) {
                    return request;
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no matching webhook request within " + timeout);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
