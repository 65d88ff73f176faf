package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CloudFormation and SAM schemas of the resource types (copies in {@code src/test/resources/schemas}, see its
 * README), and what a template's resource violates in them. A CloudFormation schema describes a resource's
 * {@code Properties}; SAM's describes the whole resource ({@code Type}, {@code Metadata}, {@code Properties}...).
 * A value written as an intrinsic function ({@code Ref}, {@code Fn::*}) is known only at deploy time: what the schema
 * says of it is CloudFormation's to check then, so a violation at or inside one is not reported.
 */
final class ResourceSchemas {
    private static final String SAM_PREFIX = "AWS::Serverless::";
    private static final SchemaRegistry DRAFT_7 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final SchemaRegistry DRAFT_4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ResourceSchemas() {
    }

    /** What the resource {@code logicalId} violates in its type's schema, as {@code <logicalId> <path>: <problem>}. */
    static List<String> violations(String logicalId, JsonNode resource) {
        String type = resource.path("Type").asText();
        boolean sam = type.startsWith(SAM_PREFIX);
        JsonNode instance = sam ? resource : resource.path("Properties");
        List<String> violations = new ArrayList<>();
        Schema schema = schema(type);
        if (schema == null) {
            return List.of(logicalId + ": no schema for " + type + " in src/test/resources/schemas (see its README)");
        }
        schema.validate(instance.toString(), InputFormat.JSON).forEach(error -> {
            if (!atIntrinsic(instance, error.getInstanceLocation())) {
                String path = BusSchemas.path(error.getInstanceLocation());
                violations.add(logicalId + " " + (sam ? path : "$.Properties" + path.substring(1)) + ": "
                        + error.getMessage());
            }
        });
        if (!sam) {
            resource.path("Properties").fieldNames().forEachRemaining(name -> {
                if (readOnly(type).contains("/properties/" + name)) {
                    violations.add(logicalId + " $.Properties." + name + ": is read-only (CloudFormation sets it)");
                }
            });
        }
        return violations;
    }

    /** What {@code Globals.Function} violates in SAM's schema of it. */
    static List<String> globalsViolations(JsonNode globalsFunction) {
        List<String> violations = new ArrayList<>();
        schema("Globals::Function").validate(globalsFunction.toString(), InputFormat.JSON).forEach(error -> {
            if (!atIntrinsic(globalsFunction, error.getInstanceLocation())) {
                violations.add("Globals.Function " + BusSchemas.path(error.getInstanceLocation()) + ": "
                        + error.getMessage());
            }
        });
        return violations;
    }

    private static Schema schema(String type) {
        String file = (type.startsWith(SAM_PREFIX) || type.startsWith("Globals::") ? "sam/" : "cloudformation/")
                + type.replace("::", "-") + ".json";
        return SCHEMAS.computeIfAbsent(type, t -> {
            String text = resource(file);
            if (text == null) {
                return null;
            }
            return (file.startsWith("sam/") ? DRAFT_4 : DRAFT_7).getSchema(text, InputFormat.JSON);
        });
    }

    private static List<String> readOnly(String type) {
        List<String> pointers = new ArrayList<>();
        BusSchemas.json(resource("cloudformation/" + type.replace("::", "-") + ".json"))
                .path("readOnlyProperties").forEach(pointer -> pointers.add(pointer.asText()));
        return pointers;
    }

    private static String resource(String file) {
        try (InputStream in = ResourceSchemas.class.getResourceAsStream("/schemas/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the value at {@code location}, or one it is inside, is an intrinsic function. */
    private static boolean atIntrinsic(JsonNode instance, NodePath location) {
        JsonNode node = instance;
        for (int i = 0; i <= location.getNameCount(); i++) {
            if (isIntrinsic(node)) {
                return true;
            }
            if (i < location.getNameCount()) {
                Object element = location.getElement(i);
                node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
            }
        }
        return false;
    }

    private static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String name = node.fieldNames().next();
        return name.equals("Ref") || name.startsWith("Fn::");
    }
}
