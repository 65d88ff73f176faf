package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.leadscore.aws.http.HttpApi;

import java.util.Optional;

/**
 * The write key a request presents: the {@code x-write-key} header, else the {@code writeKey} query parameter for
 * {@code navigator.sendBeacon}, which cannot set headers. The header wins when both are sent.
 *
 * @param field where the key came from, so that a refusal names it
 */
record PresentedWriteKey(String key, String field) {
    static final String HEADER = "x-write-key";
    static final String QUERY_PARAMETER = "writeKey";

    static Optional<PresentedWriteKey> of(APIGatewayV2HTTPEvent request) {
        Optional<String> header = HttpApi.header(request, HEADER);
        if (header.isPresent()) {
            return Optional.of(new PresentedWriteKey(header.get(), HEADER));
        }
        return Optional.ofNullable(request.getQueryStringParameters())
                .map(parameters -> parameters.get(QUERY_PARAMETER))
                .map(key -> new PresentedWriteKey(key, QUERY_PARAMETER));
    }
}
