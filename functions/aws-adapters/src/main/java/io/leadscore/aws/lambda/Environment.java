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

    /** A whole number, or {@code defaultValue} when it is not set; a value that is no whole number is refused. */
    public int integer(String name, int defaultValue) {
        String value = get(name).orElse(null);
        try {
            return value == null ? defaultValue : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a whole number, not '" + value
                    + "'", e);
        }
    }

    /** A whole number that must be set. */
    public int requireInteger(String name) {
        require(name);
        return integer(name, 0);
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }
}
