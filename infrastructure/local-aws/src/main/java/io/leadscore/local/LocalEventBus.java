package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

/**
 * EventBridge on a loopback port of this JVM, with the event buses and rules of the template: it takes the AWS SDK's
 * {@code PutEvents}, matches each event against the rules of its bus with Event Ruler, as EventBridge does, and invokes
 * the function of each matching rule as Lambda invokes it for EventBridge, asynchronously, with retries, then a
 * dead letter.
 *
 * <p>A bus is known by its logical id, which is also what {@code !Ref Bus} gives functions locally; events put on a bus
 * that the template does not declare are accepted and delivered nowhere, as EventBridge does, with a warning. A
 * function gets events once the caller gives it a {@link #target}; until then its rules invoke nothing, so that a test
 * can run one function without the others. {@link #published()} keeps everything accepted for the life of the bus.
 *
 * <p>Its HTTP thread is not a daemon, so an instance that is never closed keeps the JVM alive: {@link #close()} it.
 */
public final class LocalEventBus implements AutoCloseable {

    /** The wait before the first retry of a failed invocation; Lambda waits a minute. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(LocalEventBus.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> buses;
    private final List<Subscription> subscriptions;
    private final Map<String, Consumer<ScheduledEvent>> targets = new ConcurrentHashMap<>();
    private final List<PublishedEvent> published = new ArrayList<>(); // guarded by itself
    private final List<DeadLetter> deadLetters = new ArrayList<>(); // guarded by itself
    private final AsyncInvoker invoker;
    private final HttpServer server;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalEventBus(SamTemplate template, Duration retryDelay) {
        buses = Set.copyOf(template.eventBuses());
        subscriptions = template.functions().stream()
                .flatMap(function -> function.eventRules().stream()
                        .map(rule -> new Subscription(function.logicalId(), rule, new RecordFilter(List.of(rule.pattern())))))
                .toList();
        invoker = new AsyncInvoker(retryDelay, deadLetter -> record(deadLetters, deadLetter));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            invoker.close();
            throw new UncheckedIOException("cannot start the local event bus", e);
        }
        server.createContext("/", this::handle);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts the template's buses on a free port; a failed invocation is retried after a second, then after two more. */
    public static LocalEventBus start(SamTemplate template) {
        return start(template, DEFAULT_RETRY_DELAY);
    }

    /** @param retryDelay the wait before the first retry of a failed invocation; each next one waits twice as long */
    public static LocalEventBus start(SamTemplate template, Duration retryDelay) {
        return new LocalEventBus(template, retryDelay);
    }

    /** Where SDK clients send {@code PutEvents}: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Invokes this function with the events that its rules match from now on, replacing its earlier target.
     *
     * @throws IllegalArgumentException if the template gives the function no EventBridge rule
     */
    public LocalEventBus target(String functionLogicalId, Consumer<ScheduledEvent> function) {
        if (subscriptions.stream().noneMatch(subscription -> subscription.functionId.equals(functionLogicalId))) {
            throw new IllegalArgumentException("the template gives " + functionLogicalId + " no EventBridge rule");
        }
        targets.put(functionLogicalId, function);
        return this;
    }

    /** The events accepted so far, in the order they were put. */
    public List<PublishedEvent> published() {
        return snapshot(published);
    }

    /** The events that a function failed on at every attempt, in the order they gave up. */
    public List<DeadLetter> deadLetters() {
        return snapshot(deadLetters);
    }

    /**
     * Returns once every event accepted so far has been handled by the functions of the rules it matched, or has
     * become a dead letter after its retries.
     *
     * @throws IllegalStateException if that takes longer than the timeout
     */
    public void drain(Duration timeout) {
        invoker.drain(timeout);
    }

    /** Whether an event matches a pattern, as EventBridge's {@code TestEventPattern} says; both in JSON. */
    public static boolean matches(String pattern, String event) {
        return new RecordFilter(List.of(pattern)).accepts(readTree(event));
    }

    /** Stops serving and invoking; unfinished invocations are logged and dropped. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            invoker.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!PutEvents.TARGET.equals(target)) {
                send(exchange, 400, errorBody("UnknownOperationException", null));
                return;
            }
            try {
                List<PutEvents.Result> results = PutEvents.read(request);
                for (PutEvents.Result result : results) {
                    if (result instanceof PutEvents.Accepted accepted) {
                        route(accepted.event());
                    }
                }
                send(exchange, 200, PutEvents.answer(results));
            } catch (PutEvents.RequestException e) {
                send(exchange, 400, errorBody(e.type(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(ERROR, "PutEvents failed", e);
                send(exchange, 500, errorBody("InternalException", e.toString()));
            }
        }
    }

    /** Records the event and queues an invocation for each rule of its bus that it matches. */
    private void route(PublishedEvent event) {
        record(published, event);
        if (!buses.contains(event.eventBusName())) {
            LOG.log(WARNING, "Event {0} was put on {1}, which the template does not declare (it declares {2}); "
                    + "EventBridge accepts such events and delivers them nowhere", event.id(), event.eventBusName(), buses);
            return;
        }
        JsonNode json = readTree(event.json());
        for (Subscription subscription : subscriptions) {
            if (subscription.rule.busLogicalId().equals(event.eventBusName()) && subscription.filter.accepts(json)) {
                Consumer<ScheduledEvent> function = targets.get(subscription.functionId);
                if (function == null) {
                    LOG.log(DEBUG, "Event {0} matches rule {1} of {2}, which has no target here",
                            event.id(), subscription.rule.name(), subscription.functionId);
                } else {
                    invoker.invoke(subscription.functionId, subscription.rule, event, function);
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** An error as the JSON protocols of AWS write it: {@code {"__type": "ValidationException", "message": "..."}}. */
    private static byte[] errorBody(String type, String message) {
        ObjectNode error = JSON.createObjectNode().put("__type", type);
        if (message != null) {
            error.put("message", message);
        }
        return error.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static <T> void record(List<T> list, T element) {
        synchronized (list) {
            list.add(element);
        }
    }

    private static <T> List<T> snapshot(List<T> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private record Subscription(String functionId, EventRuleSource rule, RecordFilter filter) {
    }
}
