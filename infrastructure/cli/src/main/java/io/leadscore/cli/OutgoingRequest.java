package io.leadscore.cli;

import java.net.URI;
import java.util.Map;

/** A request as it will be sent, before and after an {@link Authorizer} has added its proof of identity. */
record OutgoingRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
    OutgoingRequest {
        headers = Map.copyOf(headers);
    }

    /** {@code GET /v1/...}: how errors name the request. */
    String describe() {
        return method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
