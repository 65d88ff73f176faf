package io.leadscore.aws.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * One route of an API function. The {@link IamRoutes} in front of it has checked the caller already; an endpoint
 * refuses bad input by throwing {@link Refused}, which is answered in the API's error style.
 */
public interface Endpoint {
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request);
}
