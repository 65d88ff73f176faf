package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadscore.aws.http.ApiError;
import io.leadscore.aws.http.HttpApi;

import java.util.function.Function;

/** What reading part of a request gave: the value the next step works on, or the error that refuses the request. */
sealed interface Parsed<T> {

    /** The answer of {@code next} given what was read; a refusal answers with its error and goes no further. */
    APIGatewayV2HTTPResponse then(Function<T, APIGatewayV2HTTPResponse> next);

    record Read<T>(T value) implements Parsed<T> {
        @Override
        public APIGatewayV2HTTPResponse then(Function<T, APIGatewayV2HTTPResponse> next) {
            return next.apply(value);
        }
    }

    /** The status and error body the caller gets. */
    record Refused<T>(int status, ApiError error) implements Parsed<T> {
        @Override
        public APIGatewayV2HTTPResponse then(Function<T, APIGatewayV2HTTPResponse> next) {
            return HttpApi.error(status, error);
        }
    }
}
