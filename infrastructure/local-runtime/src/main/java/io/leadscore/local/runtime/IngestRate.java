package io.leadscore.local.runtime;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the local runtime's ingest rate: batches of 100 page views POSTed over HTTP by a few clients,
 * for a fixed time after a warm-up, then waits for the score function to catch up and reports both rates.
 * Run: mvn -q compile exec:java -pl infrastructure/local-runtime -am -Dexec.mainClass=io.leadscore.local.runtime.IngestRate
 */
public final class IngestRate {
    private static final int CLIENTS = 4;
    private static final int BATCH = 100;

    private IngestRate() {
    }

    public static void main(String[] args) throws Exception {
        Duration measure = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 20);
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0))) {
            run(runtime, Duration.ofSeconds(5), "warm-up");
            runtime.awaitStreams(Duration.ofMinutes(5));
            long started = System.nanoTime();
            long events = run(runtime, measure, "measured");
            double ingestSeconds = (System.nanoTime() - started) / 1e9;
            runtime.awaitStreams(Duration.ofMinutes(10));
            double totalSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("ingest: %d events in %.1f s = %.0f events/s (%d clients, batches of %d)%n",
                    events, ingestSeconds, events / ingestSeconds, CLIENTS, BATCH);
            System.out.printf("ingest + scoring drained: %.0f events/s%n", events / totalSeconds);
        }
        System.exit(0);
    }

    private static long run(LocalRuntime runtime, Duration duration, String phase) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        AtomicLong accepted = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> {
                int sent = 0;
                while (System.nanoTime() < deadline) {
                    String body = batch(phase, client, sent++);
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                            .header("content-type", "application/json")
                            .header("x-write-key", runtime.options().writeKey())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    accepted.addAndGet(BATCH);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        return accepted.get();
    }

    private static String batch(String phase, int client, int number) {
        StringBuilder body = new StringBuilder("{\"events\": [");
        String now = Instant.now().toString();
        for (int i = 0; i < BATCH; i++) {
            if (i > 0) {
                body.append(',');
            }
            // 50 leads per batch, so leads get several events and the stream groups them.
            body.append("{\"eventId\": \"").append(phase).append('-').append(client).append('-').append(number)
                    .append('-').append(i).append("\", \"type\": \"page_view\", \"leadId\": \"lead-").append(client)
                    .append('-').append(i % 50).append("\", \"timestamp\": \"").append(now)
                    .append("\", \"properties\": {\"url\": \"https://acme.example/pricing\"}}");
        }
        return body.append("]}").toString();
    }
}
