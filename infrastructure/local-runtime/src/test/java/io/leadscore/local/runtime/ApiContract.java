package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.leadscore.local.SamTemplate;
import io.leadscore.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The HTTP API's description, {@code openapi.json} at the top of the repository, and what an answer violates in it:
 * a status the route does not declare, a content type the status does not declare, or a JSON body its schema refuses.
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, so each is checked as one, with the document's {@code components}
 * beside it for the {@code $ref}s to resolve.
 */
final class ApiContract {
    static final Path FILE = SamTemplate.locate().getParent().resolve("openapi.json");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode document;
    private final Map<String, JsonNode> operations = new TreeMap<>();
    private final Map<String, Pattern> pathPatterns = new TreeMap<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    ApiContract(JsonNode document) {
        this.document = document;
        document.path("paths").fields().forEachRemaining(path -> {
            pathPatterns.put(path.getKey(), Pattern.compile(path.getKey().replaceAll("\\{[^}/]+}", "[^/]+")));
            path.getValue().fields().forEachRemaining(item -> {
                if (METHODS.contains(item.getKey())) {
                    operations.put(item.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), item.getValue());
                }
            });
        });
    }

    static ApiContract load() {
        return new ApiContract(json(text()));
    }

    static String text() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** Route key ({@code GET /v1/leads/{leadId}}) to its operation, for every route described. */
    Map<String, JsonNode> operations() {
        return operations;
    }

    /** The described route a request's method and path reach, as API Gateway would match it. */
    Optional<String> route(String method, String rawPath) {
        return pathPatterns.entrySet().stream().filter(path -> path.getValue().matcher(rawPath).matches())
                .map(path -> method.toUpperCase(Locale.ROOT) + " " + path.getKey()).filter(operations::containsKey)
                .findFirst();
    }

    /**
     * What an answer of {@code route} violates; nothing when it is as described.
     *
     * @param contentType the answer's content-type header, null when it has none
     */
    List<String> violations(String route, int status, String contentType, String body) {
        JsonNode operation = operations.get(route);
        if (operation == null) {
            return List.of(route + " is not described");
        }
        JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            List<String> declared = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(declared::add);
            return List.of(route + " answered " + status + ", which it does not declare (declared: " + declared + ")");
        }
        JsonNode content = response.path("content");
        if (body == null || body.isEmpty()) {
            return content.isMissingNode() ? List.of()
                    : List.of(route + " " + status + " declares a body (" + names(content) + ") but none came");
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            return List.of(route + " " + status + " answered content-type '" + contentType + "'; declared: "
                    + (content.isMissingNode() ? "no body" : names(content)));
        }
        if (!mediaType.equals("application/json")) {
            return List.of();
        }
        return schemaViolations(media.path("schema"), body).stream()
                .map(violation -> route + " " + status + ": " + violation).toList();
    }

    /** What a JSON text violates in a schema of this document (inline, or a {@code $ref} into its components). */
    List<String> schemaViolations(JsonNode schema, String json) {
        ObjectNode wrapper = Json.mapper().createObjectNode();
        wrapper.put("$schema", BusSchemas.DRAFT_2020_12);
        wrapper.set("components", document.path("components"));
        wrapper.putArray("allOf").add(schema);
        Schema compiled = registry.getSchema(wrapper.toString(), InputFormat.JSON);
        return compiled.validate(json, InputFormat.JSON,
                        context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    /** A response or schema object, following its {@code $ref} within this document. */
    JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() && ref.asText().startsWith("#") ? resolve(document.at(ref.asText().substring(1))) : node;
    }

    private static String names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
