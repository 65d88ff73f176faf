package io.leadscore.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** A request's query parameters, and the refusal of those a route does not take. */
public final class QueryString {
    private QueryString() {
    }

    /** The parameters API Gateway parsed; empty when there are none. */
    public static Map<String, String> of(APIGatewayV2HTTPEvent request) {
        return Optional.ofNullable(request.getQueryStringParameters()).orElse(Map.of());
    }

    /**
     * The value of parameter {@code name}, one of {@code values}; the first when it is absent. Any other is refused
     * (400 {@code invalid_<name>}, the parameter named).
     */
    public static String oneOf(Map<String, String> query, String name, String... values) {
        String value = query.getOrDefault(name, values[0]);
        if (!List.of(values).contains(value)) {
            throw new Refused(400, "invalid_" + name, name + " is " + String.join(" or ", values) + " ("
                    + values[0] + " when absent), not '" + value + "'", name);
        }
        return value;
    }

    /**
     * Refuses (400 {@code unknown_parameter}, the parameter named) any parameter not among {@code allowed}: a misspelt
     * one is never silently ignored.
     *
     * @param what what takes the parameters, for the message: "this list"
     */
    public static void allowOnly(Map<String, String> query, String what, Collection<String> allowed) {
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw new Refused(400, "unknown_parameter", "'" + name + "' is not a parameter of " + what
                        + " (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")", name);
            }
        }
    }
}
