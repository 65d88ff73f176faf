package io.leadscore.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import static java.lang.System.Logger.Level.WARNING;

/**
 * SQS's {@code SendMessage} and {@code SendMessageBatch} (its JSON protocol) on a loopback port, for functions that
 * send to a queue of the template: each message goes to that {@link LocalQueue}, which runs the function that reads the
 * queue, as Lambda's event source mapping does. The answer comes before the delivery, as from SQS: the sender does not
 * wait for the consumer. A queue URL names the queue by its last path segment, or is the queue's logical id (what
 * {@code !Ref Queue} gives locally).
 */
public final class LocalSqs implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalSqs.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, LocalQueue> queues;
    private final HttpServer server;
    private final URI endpoint;
    /** One delivery at a time, in the order sent: the queues' consumers run on this thread. */
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-sqs-delivery");
        thread.setDaemon(true);
        return thread;
    });

    private LocalSqs(Function<String, LocalQueue> queues) throws IOException {
        this.queues = queues;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @param queues the queue of each logical id */
    public static LocalSqs start(Function<String, LocalQueue> queues) {
        try {
            return new LocalSqs(queues);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local SQS", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stop(0);
        deliveries.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode request = JSON.readTree(in.readAllBytes());
            String queueUrl = request.path("QueueUrl").asText();
            LocalQueue queue = queues.apply(queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
            ObjectNode answer = JSON.createObjectNode();
            switch (target) {
                case "AmazonSQS.SendMessage" -> sent(answer, queue, request.path("MessageBody").asText());
                case "AmazonSQS.SendMessageBatch" -> {
                    ArrayNode successful = answer.putArray("Successful");
                    answer.putArray("Failed");
                    for (JsonNode entry : request.path("Entries")) {
                        sent(successful.addObject().put("Id", entry.path("Id").asText()), queue,
                                entry.path("MessageBody").asText());
                    }
                }
                default -> {
                    reply(exchange, 400, JSON.createObjectNode().put("__type", "com.amazonaws.sqs#UnsupportedOperation")
                            .put("message", target + " does not run locally"));
                    return;
                }
            }
            reply(exchange, 200, answer);
        }
    }

    private void sent(ObjectNode answer, LocalQueue queue, String body) {
        answer.put("MessageId", UUID.randomUUID().toString()).put("MD5OfMessageBody", md5(body));
        deliveries.execute(() -> {
            try {
                queue.send(body);
            } catch (RuntimeException e) {
                LOG.log(WARNING, "delivering to " + queue.logicalId() + " failed", e);
            }
        });
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
