package io.leadscore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.local.CloudFormationYaml;

import java.nio.file.Path;

/**
 * What template.yaml gives the functions that Lambda bills by: each function's {@code MemorySize} (its own, else
 * {@code Globals.Function}'s, else SAM's default of 128 MB) and the architecture they run on.
 */
public final class FunctionSizes {
    private static final int SAM_DEFAULT_MEMORY_MB = 128;

    private final JsonNode template;

    private FunctionSizes(JsonNode template) {
        this.template = template;
    }

    public static FunctionSizes of(Path templateFile) {
        return new FunctionSizes(CloudFormationYaml.read(templateFile));
    }

    /** @throws IllegalArgumentException if the template has no such function */
    public int memoryMb(String functionId) {
        JsonNode properties = function(functionId).path("Properties");
        return properties.path("MemorySize").asInt(globals().path("MemorySize").asInt(SAM_DEFAULT_MEMORY_MB));
    }

    /** The function's architecture: its own {@code Architectures}, else the global one, else SAM's x86_64. */
    public String architecture(String functionId) {
        JsonNode own = function(functionId).path("Properties").path("Architectures");
        JsonNode architectures = own.isArray() ? own : globals().path("Architectures");
        return architectures.isArray() && !architectures.isEmpty() ? architectures.get(0).asText() : "x86_64";
    }

    private JsonNode globals() {
        return template.path("Globals").path("Function");
    }

    private JsonNode function(String functionId) {
        JsonNode function = template.path("Resources").path(functionId);
        if (!"AWS::Serverless::Function".equals(function.path("Type").asText())) {
            throw new IllegalArgumentException("template.yaml has no function " + functionId);
        }
        return function;
    }
}
