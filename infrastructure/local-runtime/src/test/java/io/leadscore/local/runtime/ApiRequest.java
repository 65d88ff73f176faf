package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadscore.local.CorpusExpansion;
import io.leadscore.local.SamTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A request to the HTTP API as a client sends it, read from the repository's samples: the API Gateway events of
 * {@code events/} and the bad-input corpora of the ingest, query and admin functions. Signed ({@code iam}) requests
 * carry the local admin key, which stands in for IAM in the local runtime.
 *
 * @param name    where it comes from, for the reader of a failure
 * @param headers lower-case names; a write key among them is the sample's, swapped for a local one when sent
 */
record ApiRequest(String name, String method, String path, String query, Map<String, String> headers, byte[] body,
                  boolean iam) {
    static final Path ROOT = SamTemplate.locate().getParent();
    /** Headers the HTTP client sets itself, or API Gateway adds. */
    private static final Set<String> NOT_SENT = Set.of("content-length", "host", "connection", "x-forwarded-for");

    HttpRequest toHttp(URI base, String adminKey, Map<String, String> writeKeys) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path + (query.isEmpty() ? "" : "?" + query)))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!NOT_SENT.contains(name)) {
                builder.header(name, name.equals("x-write-key") ? writeKeys.getOrDefault(value, value) : value);
            }
        });
        if (iam) {
            builder.header("authorization", "Bearer " + adminKey);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return name + " (" + method + " " + path + ")";
    }

    /** Every sample of {@code events/} that is an HTTP API request (payload 2.0), as the file has it. */
    static List<ApiRequest> samples() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("events"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().map(ApiRequest::readJson)
                    .filter(event -> event.getValue().path("version").asText().equals("2.0")
                            && event.getValue().has("routeKey"))
                    .map(event -> sample(ROOT.relativize(event.getKey()).toString(), event.getValue())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiRequest sample(String file, JsonNode event) {
        Map<String, String> headers = new LinkedHashMap<>();
        event.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(), h.getValue().asText()));
        String text = event.path("body").asText("");
        byte[] body = event.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        return new ApiRequest(file, event.at("/requestContext/http/method").asText(), event.path("rawPath").asText(),
                event.path("rawQueryString").asText(""), headers, body, event.at("/requestContext/authorizer/iam").isObject());
    }

    /**
     * The bad requests of {@code functions/query}'s corpus (a lead's routes), as they reach the API over HTTP; a case
     * without a lead id, or with an empty one, has no HTTP form (API Gateway matches no route) and is left out.
     */
    static List<ApiRequest> queryCorpus(List<String> withoutHttpForm) {
        List<ApiRequest> requests = new ArrayList<>();
        for (JsonNode entry : corpus("functions/query/src/test/resources/bad-input/query-requests.json").get("cases")) {
            String leadId = entry.get("leadId").isNull() ? ""
                    : repeated(entry.get("leadId").asText(), entry.path("text").asText(""), entry.path("repeat").asInt());
            if (leadId.isEmpty()) {
                withoutHttpForm.add("query corpus: " + entry.get("name").asText());
                continue;
            }
            String route = entry.path("route").asText("GET /v1/leads/{leadId}");
            requests.add(new ApiRequest("query corpus: " + entry.get("name").asText(), route.substring(0, route.indexOf(' ')),
                    route.substring(route.indexOf(' ') + 1).replace("{leadId}", segment(leadId)), "", Map.of(),
                    new byte[0], entry.path("iam").asBoolean(true)));
        }
        return requests;
    }

    /** The bad requests of {@code functions/admin}'s feedback corpus, likewise. */
    static List<ApiRequest> feedbackCorpus(List<String> withoutHttpForm) {
        List<ApiRequest> requests = new ArrayList<>();
        for (JsonNode entry : corpus("functions/admin/src/test/resources/bad-input/feedback-requests.json").get("cases")) {
            boolean batch = entry.path("route").asText().equals("batch");
            if (!batch && entry.get("leadId").asText("").isEmpty()) {
                withoutHttpForm.add("feedback corpus: " + entry.get("name").asText());
                continue;
            }
            String body = entry.has("text") ? repeated(entry.get("text").asText(), entry.path("fill").asText(""),
                    entry.path("repeat").asInt()) : entry.has("json") ? entry.get("json").toString() : "";
            requests.add(new ApiRequest("feedback corpus: " + entry.get("name").asText(), "POST",
                    batch ? "/v1/feedback" : "/v1/leads/" + segment(entry.get("leadId").asText()) + "/feedback", "",
                    Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8),
                    entry.path("iam").asBoolean(true)));
        }
        return requests;
    }

    /**
     * The bad requests of {@code functions/ingest}'s corpus, with its default headers and expansions; a body that is
     * not base64 has no HTTP form (API Gateway encodes what it receives) and is left out.
     */
    static List<ApiRequest> ingestCorpus(List<String> withoutHttpForm) {
        JsonNode corpus = corpus("functions/ingest/src/test/resources/bad-input/ingest-requests.json");
        List<ApiRequest> requests = new ArrayList<>();
        for (JsonNode entry : corpus.get("cases")) {
            JsonNode request = entry.get("request");
            Map<String, String> headers = new LinkedHashMap<>();
            corpus.at("/defaults/headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            request.path("headers").fields().forEachRemaining(h -> {
                if (h.getValue().isNull()) {
                    headers.remove(h.getKey());
                } else {
                    headers.put(h.getKey(), CorpusExpansion.expand(request, h.getValue().asText()));
                }
            });
            String name = "ingest corpus: " + entry.get("name").asText();
            byte[] body;
            try {
                body = request.has("base64") ? Base64.getDecoder().decode(CorpusExpansion.expand(request, request.get("base64").asText()))
                    : request.has("json") ? CorpusExpansion.expand(request, request.get("json").toString()).getBytes(StandardCharsets.UTF_8)
                    : request.path("body").isTextual() ? CorpusExpansion.expand(request, request.get("body").asText()).getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            } catch (IllegalArgumentException notBase64) {
                withoutHttpForm.add(name);
                continue;
            }
            List<String> query = new ArrayList<>();
            request.path("query").fields().forEachRemaining(p -> query.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(p.getValue().asText(), StandardCharsets.UTF_8)));
            requests.add(new ApiRequest(name, "POST", "/v1/events",
                    String.join("&", query), headers, body, false));
        }
        return requests;
    }

    private static String repeated(String text, String fill, int times) {
        return text.replace("@@", fill.repeat(times));
    }

    /** A path segment as a client encodes it: API Gateway decodes it back into the path parameter. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode corpus(String file) {
        return readJson(ROOT.resolve(file)).getValue();
    }

    private static Map.Entry<Path, JsonNode> readJson(Path file) {
        try {
            // A lenient parser of its own: the samples are trusted input and need not pass the service's strict one.
            return Map.entry(file, new ObjectMapper().readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
