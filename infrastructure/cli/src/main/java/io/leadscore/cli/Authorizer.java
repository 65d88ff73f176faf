package io.leadscore.cli;

/**
 * Adds what proves who calls to a request about to be sent: the admin key locally (the local runtime checks it on
 * the routes that require IAM in AWS), a SigV4 signature in AWS, or nothing.
 */
@FunctionalInterface
interface Authorizer {
    OutgoingRequest authorize(OutgoingRequest request);

    Authorizer NONE = request -> request;

    /** {@code authorization: Bearer <key>}, as the local runtime expects for its admin routes. */
    static Authorizer adminKey(String key) {
        return request -> {
            var headers = new java.util.LinkedHashMap<>(request.headers());
            headers.put("authorization", "Bearer " + key);
            return new OutgoingRequest(request.method(), request.uri(), headers, request.body());
        };
    }
}
