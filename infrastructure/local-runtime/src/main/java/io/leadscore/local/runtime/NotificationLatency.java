package io.leadscore.local.runtime;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures, in the local runtime, the time from the POST of the event that makes a lead sales-ready to the
 * sales team's webhook receiving the notification: ingest, stream, score, outbox, stream, publish, bus,
 * notify, webhook. Prints p50 and p99 over 100 leads, one after another.
 * Run: mvn -q compile exec:java -pl infrastructure/local-runtime -am
 *      -Dexec.mainClass=io.leadscore.local.runtime.NotificationLatency
 */
public final class NotificationLatency {
    /** A Standard Webhooks secret: whsec_ and the base64 of the key's bytes. */
    static final String SECRET = "whsec_bG9jYWwtbGF0ZW5jeS1zZWNyZXQtMDEyMzQ1Njc4OWFi";

    private NotificationLatency() {
    }

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        try (WebhookReceiver receiver = new WebhookReceiver();
             LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults().withPort(0)
                     .withEnvironment(webhookTo(receiver)))) {
            List<Long> millis = measure(runtime, receiver, leads);
            System.out.printf("POST to webhook over %d leads: p50 %d ms, p99 %d ms, max %d ms%n", leads,
                    p50(millis), p99(millis), millis.get(millis.size() - 1));
        }
        System.exit(0);
    }

    /** Leads run through the whole path first and not counted: class loading and the first compilations. */
    public static final int DEFAULT_WARM_UP_LEADS = 5;

    /**
     * One qualifying event: when its POST was sent, when the webhook received its notification, and the CPU time this
     * process (the runtime, the receiver and the driver) used in between, on all its threads.
     */
    public record Sample(String leadId, long sentNanos, long receivedNanos, long cpuNanos) {
        public long millis() {
            return (receivedNanos - sentNanos) / 1_000_000;
        }
    }

    /**
     * The milliseconds from the POST of each qualifying event to its webhook, sorted, over this many leads after
     * {@link #DEFAULT_WARM_UP_LEADS} warm-up leads; the runtime must send its notifications to the receiver
     * ({@link #webhookTo}).
     */
    public static List<Long> measure(LocalRuntime runtime, WebhookReceiver receiver, int leads) throws Exception {
        return samples(runtime, receiver, DEFAULT_WARM_UP_LEADS, leads).stream().map(Sample::millis).sorted().toList();
    }

    /**
     * Each lead in turn: its warm-up events, posted and drained through the streams, then the qualifying event, timed
     * to its webhook; the first {@code warmUpLeads} leads are run the same way and left out of the samples.
     */
    public static List<Sample> samples(LocalRuntime runtime, WebhookReceiver receiver, int warmUpLeads, int leads)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Sample> samples = new ArrayList<>();
        for (int i = -warmUpLeads; i < leads; i++) {
            String leadId = "latency-" + i;
            post(http, runtime, warmUp(leadId));
            runtime.awaitStreams(Duration.ofSeconds(30));
            long cpu = os.getProcessCpuTime();
            long sent = System.nanoTime();
            post(http, runtime, qualifying(leadId));
            WebhookReceiver.Received hook = receiver.await(body -> body.contains("\"" + leadId + "\""),
                    Duration.ofSeconds(30));
            if (i >= 0) {
                samples.add(new Sample(leadId, sent, hook.nanoTime(), os.getProcessCpuTime() - cpu));
            }
        }
        return samples;
    }

    public static long p50(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    public static long p99(List<Long> sorted) {
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    }

    /** A signed JSON webhook as the only destination: a receiver on this machine, so loopback is allowed. */
    public static Map<String, String> webhookTo(WebhookReceiver receiver) {
        return webhookTo(receiver.url());
    }

    static Map<String, String> webhookTo(URI url) {
        return Map.of("NOTIFY_CONFIG", "{\"destinations\": [{\"id\": \"crm\", \"type\": \"webhook\", \"url\": \""
                + url + "\"}], \"default\": \"crm\"}", "WEBHOOK_SECRET", SECRET, "NOTIFY_ALLOW_LOOPBACK", "true");
    }

    /** 85 points with the default model: pricing 3x (45), a whitepaper (10), and a fit profile (30). */
    static String warmUp(String leadId) {
        return batch(List.of(
                event(leadId, "a", "page_view", "\"url\": \"https://acme.example/pricing\""),
                event(leadId, "b", "page_view", "\"url\": \"https://acme.example/pricing/enterprise\""),
                event(leadId, "c", "page_view", "\"url\": \"https://acme.example/pricing#faq\""),
                event(leadId, "d", "form_submit", "\"formId\": \"whitepaper-roi\""),
                // Each lead at a company of its own: the path of one lead, not of one giant account's members.
                event(leadId, "e", "identify", "\"email\": \"" + leadId + "@" + leadId + "-corp.example\","
                        + " \"jobTitle\": \"VP Sales\","
                        + " \"industry\": \"software\", \"companySize\": 250, \"country\": \"US\"")));
    }

    /** The demo request that takes the lead over 100. */
    static String qualifying(String leadId) {
        return batch(List.of(event(leadId, "f", "form_submit", "\"formId\": \"demo-request\"")));
    }

    private static String batch(List<String> events) {
        return "{\"events\": [" + String.join(",", events) + "]}";
    }

    private static String event(String leadId, String suffix, String type, String properties) {
        return "{\"eventId\": \"" + leadId + "-" + suffix + "\", \"type\": \"" + type + "\", \"leadId\": \"" + leadId
                + "\", \"timestamp\": \"" + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\", \"properties\": {"
                + properties + "}}";
    }

    static void post(HttpClient http, LocalRuntime runtime, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(runtime.baseUri().resolve("/v1/events"))
                .header("content-type", "application/json").header("x-write-key", runtime.options().writeKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }
}
