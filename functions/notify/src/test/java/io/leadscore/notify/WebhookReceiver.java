package io.leadscore.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on a free loopback port. Each path answers with the statuses it was given, in turn, the
 * last one repeating (200 when given none), and every request is kept for the test to look at.
 */
final class WebhookReceiver implements AutoCloseable {

    /** A request as received; header names in lower case. */
    record Request(String path, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::receive);
        server.start();
    }

    static WebhookReceiver start() {
        return new WebhookReceiver();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Answers requests to {@code path} with these statuses in turn, then the last one for ever. */
    void answer(String path, int... statuses) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int status : statuses) {
            queue.add(status);
        }
        answers.put(path, queue);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(path, headers, body));
        int status = next(path);
        byte[] answer = (status == 200 ? "ok" : "refused_with_" + status).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private synchronized int next(String path) {
        Deque<Integer> queue = answers.get(path);
        if (queue == null || queue.isEmpty()) {
            return 200;
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
