package io.leadscore.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The admin API as design-13 documents it, served by the JDK's HTTP server: each route answers from a queue (the
 * last answer repeats, so a job can run, then stay done), and every request is recorded as it arrived.
 */
final class FakeAdminApi implements AutoCloseable {
    record Answer(int status, String contentType, String body) {
    }

    record Received(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final Map<String, Function<Received, Answer>> computed = new HashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeAdminApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** {@code METHOD /path} answers these in turn, the last one from then on. */
    FakeAdminApi on(String method, String path, Answer... inTurn) {
        answers.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).addAll(List.of(inTurn));
        return this;
    }

    /** {@code METHOD /path} answers what {@code answer} makes of each request. */
    FakeAdminApi on(String method, String path, Function<Received, Answer> answer) {
        computed.put(method + " " + path, answer);
        return this;
    }

    static Answer json(int status, String resource) {
        return new Answer(status, "application/json", resource(resource));
    }

    static String resource(String name) {
        try (InputStream in = FakeAdminApi.class.getResourceAsStream("/api/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Received> received() {
        return received;
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    private void serve(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        Received request = new Received(method, path, exchange.getRequestURI().getRawQuery(), headers, body);
        received.add(request);
        Deque<Answer> queue = answers.get(method + " " + path);
        Function<Received, Answer> compute = computed.get(method + " " + path);
        Answer answer = compute != null ? compute.apply(request) : queue == null || queue.isEmpty()
                ? new Answer(404, "application/json", "{\"message\":\"Not Found\"}")
                : queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
