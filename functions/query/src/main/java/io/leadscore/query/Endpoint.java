package io.leadscore.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * One route of the query API. The handler has checked the caller already; an endpoint refuses bad input by
 * throwing {@link Refused}, which the handler answers in the API's error style.
 */
interface Endpoint {
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request);
}
