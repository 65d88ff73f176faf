package io.leadscore.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The admin API's paths (design-13, binding for this tool and the dashboard) and a lead's privacy routes, over the JDK's HTTP client. Every
 * request passes through the {@link Authorizer}; an answer other than 2xx is an {@link ApiError}.
 */
final class AdminApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Headers the JDK's client writes itself and refuses from callers; the Host it writes is the one signed. */
    private static final Set<String> WRITTEN_BY_CLIENT = Set.of("host", "content-length", "connection", "expect",
            "upgrade");

    private final URI endpoint;
    private final String base;
    private final HttpClient http;
    private final Authorizer authorizer;

    AdminApi(URI endpoint, HttpClient http, Authorizer authorizer) {
        this.endpoint = endpoint;
        String text = endpoint.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.http = http;
        this.authorizer = authorizer;
    }

    Reply revisions(String modelId) {
        return send("GET", revisionsPath(modelId), Map.of(), Map.of("accept", "application/json"), null);
    }

    Reply revision(String modelId, int number) {
        return send("GET", revisionsPath(modelId) + "/" + number, Map.of(), Map.of("accept", "application/json"),
                null);
    }

    Reply revisionYaml(String modelId, int number) {
        return send("GET", revisionsPath(modelId) + "/" + number, Map.of("format", "yaml"),
                Map.of("accept", "application/yaml"), null);
    }

    /** A draft from an uploaded YAML; {@code notes} (may be null) win over the YAML's. */
    Reply draft(String modelId, String yaml, String notes) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/yaml");
        headers.put("accept", "application/json");
        if (notes != null) {
            headers.put("x-notes", notes);
        }
        return send("POST", revisionsPath(modelId), Map.of(), headers, yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** A draft copied from revision {@code from} (a number or {@code published}). */
    Reply draftFrom(String modelId, String from, String notes) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        if (notes != null) {
            headers.put("x-notes", notes);
        }
        return send("POST", revisionsPath(modelId), Map.of("from", from), headers, null);
    }

    Reply compare(String modelId, int from, int to, boolean csv) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", Integer.toString(from));
        query.put("to", Integer.toString(to));
        if (csv) {
            query.put("format", "csv");
        }
        return send("GET", modelPath(modelId) + "/compare", query,
                Map.of("accept", csv ? "text/csv" : "application/json"), null);
    }

    /** Starts a backtest over [from, to) (either may be null: all recorded history); 202 with the job. */
    Reply backtest(String modelId, int number, Instant from, Instant to) {
        Map<String, String> query = new LinkedHashMap<>();
        if (from != null) {
            query.put("from", from.toString());
        }
        if (to != null) {
            query.put("to", to.toString());
        }
        return send("POST", revisionsPath(modelId) + "/" + number + "/backtest", query,
                Map.of("accept", "application/json"), null);
    }

    /** Publishes a revision (an older one is the rollback) and starts the re-score; 202 with the job. */
    Reply publish(String modelId, int number, boolean announce) {
        return send("POST", revisionsPath(modelId) + "/" + number + "/publish",
                Map.of("announce", Boolean.toString(announce)), Map.of("accept", "application/json"), null);
    }

    /** Starts scoring revision {@code number} in shadow beside the published one; 201 with the challenge. */
    Reply challenge(String modelId, int number) {
        return send("PUT", modelPath(modelId) + "/challenger", Map.of(), Map.of("content-type", "application/json",
                "accept", "application/json"), ("{\"revision\": " + number + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Stops the running challenger; 200 with the challenge as it ended. */
    Reply stopChallenger(String modelId) {
        return send("DELETE", modelPath(modelId) + "/challenger", Map.of(), Map.of("accept", "application/json"), null);
    }

    /** The champion/challenger comparison over its period, or over {@code query}'s from and to. */
    Reply challenger(String modelId, Map<String, String> query) {
        return send("GET", modelPath(modelId) + "/challenger", query, Map.of("accept", "application/json"), null);
    }

    /** {@code POST /v1/feedback}: a batch of CRM verdicts, as JSON. */
    Reply feedback(String json) {
        return send("POST", "/v1/feedback", Map.of(), Map.of("content-type", "application/json",
                "accept", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code POST /v1/admin/import/events}: a batch of recorded history, {@code {"events": [...], "announce": b}}
     * (up to 500 events, as old as the table keeps history), scored in time order.
     */
    Reply importEvents(String json) {
        return send("POST", "/v1/admin/import/events", Map.of(), Map.of("content-type", "application/json",
                "accept", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST /v1/models/{modelId}/trainings}: a training run queued, its fields as JSON; 202 with its id. */
    Reply train(String modelId, String json) {
        return send("POST", modelPath(modelId) + "/trainings", Map.of(), Map.of("content-type", "application/json",
                "accept", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    Reply training(String modelId, String trainingId) {
        return send("GET", modelPath(modelId) + "/trainings/" + segment(trainingId), Map.of(),
                Map.of("accept", "application/json"), null);
    }

    Reply job(String jobId) {
        return send("GET", "/v1/jobs/" + segment(jobId), Map.of(), Map.of("accept", "application/json"), null);
    }

    /** Re-scores the activities received in [from, to] and re-publishes what was left unpublished; 200 with counts. */
    Reply redrive(Instant from, Instant to) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", from.toString());
        query.put("to", to.toString());
        return send("POST", "/v1/ops/redrive", query, Map.of("accept", "application/json"), null);
    }

    /** Erases the lead (the person's right to erasure); the answer counts what was removed. */
    Reply erase(String leadId) {
        return send("DELETE", leadPath(leadId), Map.of(), Map.of("accept", "application/json"), null);
    }

    /** Everything stored about the lead, as one JSON document. */
    Reply exportLead(String leadId) {
        return send("GET", leadPath(leadId) + "/export", Map.of(), Map.of("accept", "application/json"), null);
    }

    /** A page of the leads with this email (a filter that reads every lead), from {@code cursor} (null: the first). */
    Reply leadsWithEmail(String email, String cursor) {
        return leads(Map.of("email", email), 100, cursor, false);
    }

    /**
     * A page of {@code limit} leads (1 to 100) of the list narrowed by {@code filters} (the API's query parameters),
     * from {@code cursor} (null: the first); as CSV, the next page's cursor is in the x-next-cursor header.
     */
    Reply leads(Map<String, String> filters, int limit, String cursor, boolean csv) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("limit", Integer.toString(limit));
        if (csv) {
            query.put("format", "csv");
        }
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        return send("GET", "/v1/leads", query, Map.of("accept", csv ? "text/csv" : "application/json"), null);
    }

    /** {@code GET /v1/reports/<name>} with its query, as JSON or as the API's CSV. */
    Reply report(String name, Map<String, String> query, boolean csv) {
        Map<String, String> all = new LinkedHashMap<>(query);
        if (csv) {
            all.put("format", "csv");
        }
        return send("GET", "/v1/reports/" + segment(name), all, Map.of("accept", csv ? "text/csv" : "application/json"),
                null);
    }

    private static String leadPath(String leadId) {
        return "/v1/leads/" + segment(leadId);
    }

    private static String modelPath(String modelId) {
        return "/v1/models/" + segment(modelId);
    }

    private static String revisionsPath(String modelId) {
        return modelPath(modelId) + "/revisions";
    }

    private Reply send(String method, String path, Map<String, String> query, Map<String, String> headers,
                       byte[] body) {
        byte[] payload = body == null ? new byte[0] : body;
        OutgoingRequest request = authorizer.authorize(
                new OutgoingRequest(method, URI.create(base + path + queryString(query)), headers, payload));
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(TIMEOUT).method(method,
                payload.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        request.headers().forEach((name, value) -> {
            if (!WRITTEN_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EndpointUnreachable(endpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.FAILED, "interrupted while waiting for " + request.describe(), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw ApiError.of(request.describe(), response.statusCode(), response.body());
        }
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> joined.add(segment(name) + "=" + segment(value)));
        return joined.toString();
    }

    /** Percent-encoded as a path segment or query value (a space is %20, never +). */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
