package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.leadscore.announcement.BusEvent;
import io.leadscore.local.PublishedEvent;
import io.leadscore.local.SamTemplate;
import io.leadscore.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.lang.System.Logger.Level.INFO;

/**
 * The bus events' contract as JSON Schemas, {@code events/schemas/<detail-type>.json}, and what a detail violates. The
 * schemas are 2020-12; the template registers each declared Draft 4 (what the schema registry takes), which means the
 * same because the files keep to keywords both drafts read alike. Formats are asserted: an {@code at} that is no
 * date-time is a violation, as it is for a consumer's generated bindings.
 */
final class BusSchemas {
    static final Path DIRECTORY = SamTemplate.locate().getParent().resolve("events").resolve("schemas");
    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    static final String DRAFT_4 = "http://json-schema.org/draft-04/schema#";

    private static final System.Logger LOG = System.getLogger(BusSchemas.class.getName());
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new LinkedHashMap<>();
    private static final Map<String, Schema> AS_REGISTERED = new LinkedHashMap<>();

    static {
        for (String detailType : BusEvent.DETAIL_TYPES) {
            SCHEMAS.put(detailType, REGISTRY.getSchema(text(detailType), InputFormat.JSON));
            AS_REGISTERED.put(detailType, REGISTRY.getSchema(asRegistered(detailType).toString(), InputFormat.JSON));
        }
    }

    private BusSchemas() {
    }

    static Path file(String detailType) {
        return DIRECTORY.resolve(detailType + ".json");
    }

    /** The schema file as it is. */
    static String text(String detailType) {
        try {
            return Files.readString(file(detailType));
        } catch (IOException e) {
            throw new UncheckedIOException("no schema for " + detailType + " in " + DIRECTORY, e);
        }
    }

    /** The schema as the template registers it: the file, declared Draft 4. */
    static ObjectNode asRegistered(String detailType) {
        ObjectNode schema = (ObjectNode) json(text(detailType));
        schema.put("$schema", DRAFT_4);
        return schema;
    }

    /** What a detail violates, as {@code <path>: <problem>}; nothing when it conforms. */
    static List<String> violations(String detailType, String detail) {
        return violations(SCHEMAS, detailType, detail);
    }

    /** The same, against the schema as registered (Draft 4). */
    static List<String> violationsAsRegistered(String detailType, String detail) {
        return violations(AS_REGISTERED, detailType, detail);
    }

    private static List<String> violations(Map<String, Schema> schemas, String detailType, String detail) {
        Schema schema = schemas.get(detailType);
        if (schema == null) {
            return List.of("detail-type '" + detailType + "' has no schema in " + DIRECTORY);
        }
        return schema.validate(detail, InputFormat.JSON,
                        context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream().map(error -> path(error.getInstanceLocation()) + ": " + error.getMessage()).toList();
    }

    /** {@code $.topRules[0].points}: where in the detail. */
    static String path(NodePath location) {
        StringBuilder path = new StringBuilder("$");
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path.append(element instanceof Integer index ? "[" + index + "]" : "." + element);
        }
        return path.toString();
    }

    /**
     * Checks every leadscore event put on a bus against its detail-type's schema, and fails naming each that does not
     * conform, with the path and the problem.
     *
     * @return how many events of each detail-type were checked
     */
    static Map<String, Integer> assertConform(List<PublishedEvent> published) {
        Map<String, Integer> checked = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (PublishedEvent event : published) {
            JsonNode json = json(event.json());
            if (!BusEvent.SOURCE.equals(json.path("source").asText())) {
                continue;
            }
            String detailType = json.path("detail-type").asText();
            checked.merge(detailType, 1, Integer::sum);
            List<String> violations = violations(detailType, json.path("detail").toString());
            if (!violations.isEmpty()) {
                failures.add(detailType + " event " + event.id() + " does not conform to " + file(detailType) + ":\n  "
                        + String.join("\n  ", violations) + "\n  detail: " + json.path("detail"));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
        LOG.log(INFO, "{0} leadscore events published, each conforming to events/schemas: {1}",
                checked.values().stream().mapToInt(Integer::intValue).sum(), checked);
        return checked;
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
