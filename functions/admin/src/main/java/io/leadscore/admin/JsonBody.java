package io.leadscore.admin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.aws.http.HttpApi;
import io.leadscore.aws.http.Refused;
import io.leadscore.support.Json;

import java.nio.charset.StandardCharsets;

/** A request's JSON body, bounded: refused with the field {@code body} when missing, too large or not JSON. */
final class JsonBody {
    private JsonBody() {
    }

    /**
     * @param what    what the body is, for a missing one: "the feedback"
     * @param requestName what the request is, for one too large: "a feedback request"
     */
    static JsonNode read(APIGatewayV2HTTPEvent request, int maxBytes, String what, String requestName) {
        byte[] body = HttpApi.body(request);
        if (body.length == 0) {
            throw new Refused(400, "missing_body", "send " + what + " as a JSON body", "body");
        }
        if (body.length > maxBytes) {
            throw new Refused(413, "body_too_large", requestName + " is at most " + maxBytes + " bytes ("
                    + maxBytes / 1024 + " KB), not " + body.length, "body");
        }
        try {
            return Json.mapper().readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new Refused(400, "invalid_json", "the body is not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), "body");
        }
    }
}
