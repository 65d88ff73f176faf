package io.leadscore.aws.lambda;

import java.util.Map;
import java.util.Optional;

/**
 * A function's configuration, as environment variables. Lambda gives the process environment; the local
 * runtime and tests give the same names resolved from template.yaml, so there is one way in.
 */
public record Environment(Map<String, String> variables) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }
}
